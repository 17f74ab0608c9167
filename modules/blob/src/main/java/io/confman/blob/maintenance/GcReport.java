package io.confman.blob.maintenance;

/**
 * What one GC pass did with each held blob: kept (referenced), deleted, or skipped because it is
 * younger than the safety window or pinned; plus the bytes freed.
 */
public record GcReport(long kept, long deleted, long skippedYoung, long skippedPinned, long bytesDeleted) {}
