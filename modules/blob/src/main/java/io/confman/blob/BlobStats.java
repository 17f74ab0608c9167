package io.confman.blob;

/**
 * A store's counters: blobs held and their total bytes, and how many corrupt copies were found
 * (and quarantined) since the store was opened.
 */
public record BlobStats(long count, long bytes, long corruptionsDetected) {}
