package io.confman.blob;

/**
 * The disk holding the store is full ("No space left on device") or would drop below the
 * configured reserve; the partial write was removed and the store keeps working for reads and for
 * puts once space is freed (HTTP 507).
 */
public final class BlobStoreFullException extends BlobException {

    public BlobStoreFullException(Throwable cause) {
        super("blob store is out of disk space", cause);
    }

    public BlobStoreFullException(String message) {
        super(message);
    }
}
