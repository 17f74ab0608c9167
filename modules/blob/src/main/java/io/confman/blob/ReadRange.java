package io.confman.blob;

/**
 * The argument and range checks of {@link BlobStore#open(BlobId, long, long)}, shared by both
 * stores so a range is accepted, refused and cut the same way on disk and in memory.
 */
final class ReadRange {

    private ReadRange() {}

    /** A bug in the caller: offsets and lengths are never negative. */
    static void requireNonNegative(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be >= 0");
        }
    }

    /**
     * The length of the range actually served: {@code length} cut to what the blob has after
     * {@code offset}.
     *
     * @throws BlobRangeException {@code offset} is beyond the end of the blob
     */
    static long lengthWithin(BlobId id, long sizeBytes, long offset, long length) throws BlobRangeException {
        if (offset > sizeBytes) {
            throw new BlobRangeException(id, offset, sizeBytes);
        }
        return Math.min(length, sizeBytes - offset);
    }
}
