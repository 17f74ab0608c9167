package io.confman.blob;

/**
 * A stored copy did not hash to its id. Thrown from a read stream at its end when the bytes just
 * streamed were wrong; the copy has been quarantined and counted, and the caller should refetch
 * the blob from a peer. Whatever was already sent must be treated as invalid.
 */
public final class BlobCorruptException extends BlobException {

    private final BlobId id;

    public BlobCorruptException(BlobId id, String detail) {
        super("stored copy of blob " + id + " is corrupt: " + detail);
        this.id = id;
    }

    public BlobId id() {
        return id;
    }
}
