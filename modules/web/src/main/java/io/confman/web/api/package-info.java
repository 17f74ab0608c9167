/**
 * The reference-compatible configuration API under {@code /api/v1}: namespaces, config entries,
 * the cross-namespace config list and audit, with API-key authentication and namespace scoping.
 * Its access checks, name rules, entity tags and Raft calls are public so that the raw value
 * endpoints in {@code io.confman.web.blob} share them; the package is not exported.
 */
package io.confman.web.api;
