package io.confman.blob;

/** The bytes of a put did not hash to the expected id; nothing was stored (HTTP 400). */
public final class BlobDigestMismatchException extends BlobException {

    private final BlobId expected;
    private final BlobId actual;

    public BlobDigestMismatchException(BlobId expected, BlobId actual) {
        super("content hashes to sha256 " + actual + ", expected " + expected);
        this.expected = expected;
        this.actual = actual;
    }

    public BlobId expected() {
        return expected;
    }

    public BlobId actual() {
        return actual;
    }
}
