/**
 * HTTP services, filters and the JSON and problem+json helpers they share, and the cluster guard
 * that admits callers of every {@code /internal} endpoint. Not exported.
 */
package io.confman.web.http;
