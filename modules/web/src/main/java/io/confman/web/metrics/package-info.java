/**
 * {@code GET /metrics}: the node's counters in the Prometheus text exposition format 0.0.4, written
 * by hand (the usual client libraries are automatic modules a jlink image cannot hold). The
 * counters themselves live where things happen (Raft adapter, store, blob peers, the HTTP filter
 * here), lock-free; this package only reads and formats them.
 */
package io.confman.web.metrics;
