/**
 * The reference-compatible configuration API under {@code /api/v1}: namespaces, config entries,
 * the cross-namespace config list and audit, with API-key authentication and namespace scoping.
 */
package io.confman.web.api;
