package io.confman.blob.maintenance;

/**
 * How fast the reconciler may fetch, so catching up after a long absence does not starve the
 * node's own traffic. Both limits apply; each must be positive.
 */
public record ReconcileLimits(long maxBytesPerSecond, double maxBlobsPerSecond) {

    /** 64 MiB/s and 50 blobs/s. */
    public static final ReconcileLimits DEFAULT = new ReconcileLimits(64L * 1024 * 1024, 50);

    /** No pacing at all (tests, or a node that is allowed to catch up at full speed). */
    public static final ReconcileLimits UNLIMITED = new ReconcileLimits(Long.MAX_VALUE, Double.POSITIVE_INFINITY);

    public ReconcileLimits {
        if (maxBytesPerSecond <= 0 || !(maxBlobsPerSecond > 0)) {
            throw new IllegalArgumentException("reconcile limits must be positive");
        }
    }
}
