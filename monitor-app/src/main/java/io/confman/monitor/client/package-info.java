/**
 * HTTP access to Confman nodes with {@code java.net.http}: the health probe used by polling and
 * the data API used by the browser (namespaces, entries, audit, raw values streamed to disk).
 * Every call has a connect and a request timeout. No JavaFX here: callers decide on which thread
 * results are consumed.
 */
package io.confman.monitor.client;
