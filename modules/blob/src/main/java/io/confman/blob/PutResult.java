package io.confman.blob;

/**
 * What a put stored: the blob's id, its size, and whether this put created it ({@code false} when
 * an identical copy was already present, HTTP 204 instead of 201).
 */
public record PutResult(BlobId id, long sizeBytes, boolean created) {

    public PutResult {
        if (id == null || sizeBytes < 0) {
            throw new IllegalArgumentException("id required and size must be >= 0");
        }
    }
}
