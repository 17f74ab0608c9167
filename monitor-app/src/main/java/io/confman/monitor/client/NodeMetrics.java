package io.confman.monitor.client;

/**
 * The figures of one node's {@code /metrics} that the charts use.
 *
 * @param walFsync      {@code confman_disk_wal_fsync_duration_seconds}, or null when the node does
 *                      not serve it (an older version)
 * @param writeRequests successful write requests this node answered since it started (see
 *                      {@link MetricsText#isWrite}), NaN when it serves no request counts
 */
public record NodeMetrics(BucketCounts walFsync, double writeRequests) {
}
