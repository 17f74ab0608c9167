package io.confman.web;

import java.time.Duration;

/**
 * Limits and timeouts of the blob paths.
 *
 * @param inlineThresholdBytes JSON values of at least this size are kept in the blob store
 * @param maxSizeBytes         largest value accepted (413 above it)
 * @param quorumTimeout        how long a write waits for a quorum of durable copies
 * @param gcSafetyWindow       unreferenced blobs younger than this are never collected
 * @param gcInterval           how often garbage collection runs
 * @param reconcileInterval    how often the reconciler looks for missing blobs
 * @param reserveFreeBytes     blob writes that would leave less than this free on the disk are
 *                             refused (507), so the Raft log beside them always has room
 * @param maxConcurrentUploads values streamed in through this node at once; a further upload waits
 *                             briefly for a slot, then is answered 503 with {@code Retry-After}
 * @param uploadExpiry         a resumable upload that received nothing for this long is deleted
 */
public record BlobSettings(long inlineThresholdBytes, long maxSizeBytes, Duration quorumTimeout,
                           Duration gcSafetyWindow, Duration gcInterval, Duration reconcileInterval,
                           long reserveFreeBytes, int maxConcurrentUploads, Duration uploadExpiry) {

    public static final long DEFAULT_INLINE_THRESHOLD_BYTES = 64L * 1024;
    public static final long DEFAULT_MAX_SIZE_BYTES = 4L * 1024 * 1024 * 1024;
    public static final Duration DEFAULT_QUORUM_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_GC_SAFETY_WINDOW = Duration.ofHours(1);
    public static final Duration DEFAULT_GC_INTERVAL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofSeconds(30);
    public static final long DEFAULT_RESERVE_FREE_BYTES = 512L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_UPLOADS = 4;
    public static final Duration DEFAULT_UPLOAD_EXPIRY = Duration.ofHours(24);

    public BlobSettings {
        if (reserveFreeBytes < 0) {
            throw new IllegalArgumentException("blob.reserveFreeBytes must not be negative (was " + reserveFreeBytes + ")");
        }
        if (maxConcurrentUploads < 1) {
            throw new IllegalArgumentException("blob.maxConcurrentUploads must be at least 1 (was "
                    + maxConcurrentUploads + ")");
        }
    }
}
