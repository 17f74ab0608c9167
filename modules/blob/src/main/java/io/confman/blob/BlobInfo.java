package io.confman.blob;

import java.time.Instant;

/** A held blob's size and when its copy was last written (what GC's safety window compares). */
public record BlobInfo(BlobId id, long sizeBytes, Instant lastModified) {}
