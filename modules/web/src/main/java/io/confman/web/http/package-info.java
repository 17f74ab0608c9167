/**
 * HTTP services, filters and the JSON and problem+json helpers they share. Not exported.
 */
package io.confman.web.http;
