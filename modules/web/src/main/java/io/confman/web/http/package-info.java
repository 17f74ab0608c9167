/**
 * The node's own HTTP services (health, OpenAPI document, internal state) and the cluster guard
 * that admits callers of every {@code /internal} endpoint. Not exported.
 */
package io.confman.web.http;
