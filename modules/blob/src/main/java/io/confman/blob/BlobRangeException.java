package io.confman.blob;

/** A range read started beyond the end of the blob (HTTP 416). */
public final class BlobRangeException extends BlobException {

    private final long sizeBytes;

    public BlobRangeException(BlobId id, long offset, long sizeBytes) {
        super("offset " + offset + " is beyond blob " + id + " of " + sizeBytes + " bytes");
        this.sizeBytes = sizeBytes;
    }

    /** The blob's full size, for a {@code Content-Range: bytes *\/size} answer. */
    public long sizeBytes() {
        return sizeBytes;
    }
}
