package io.confman.codec.internal;

/**
 * Raised by {@link StrictJson} when a JSON object does not have the expected shape (missing field,
 * wrong type, unknown field). Callers turn it into their own typed result at the module boundary;
 * it never leaves the codec module.
 */
public final class ShapeException extends RuntimeException {

    public ShapeException(String message) {
        super(message, null, false, false);
    }
}
