package io.confman.blob;

import java.io.IOException;

/**
 * Root of every expected failure of the blob module (limit crossed, digest mismatch, disk full,
 * corrupt copy, no peer could supply or store a blob). An {@link IOException} because these
 * conditions surface from stream reads and writes; plain {@code IOException}s that are not a
 * {@code BlobException} are unexpected I/O failures. The HTTP layer maps the subtypes to statuses
 * in one place.
 */
public abstract class BlobException extends IOException {

    protected BlobException(String message) {
        super(message);
    }

    protected BlobException(String message, Throwable cause) {
        super(message, cause);
    }
}
