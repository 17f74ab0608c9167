package io.confman.blob;

/** A value crossed the size limit given to a put; nothing was stored (HTTP 413). */
public final class BlobTooLargeException extends BlobException {

    private final long limitBytes;

    public BlobTooLargeException(long limitBytes) {
        super("blob exceeds the limit of " + limitBytes + " bytes (blob max size)");
        this.limitBytes = limitBytes;
    }

    /** The limit that was crossed. */
    public long limitBytes() {
        return limitBytes;
    }
}
