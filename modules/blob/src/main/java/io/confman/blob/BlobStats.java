package io.confman.blob;

/**
 * A store's counters: blobs held and their total bytes, how many corrupt copies were found (and
 * quarantined) since the store was opened, the free space on its disk (-1 when it has none or it
 * is unknown) and the space puts must leave free (0: no reserve).
 */
public record BlobStats(long count, long bytes, long corruptionsDetected, long freeBytes, long reserveBytes) {}
