package io.confman.blob;

/**
 * A string that is not a valid blob id ({@code ^[0-9a-f]{64}$}). Unchecked because it is a
 * precondition failure: callers holding untrusted input (an HTTP path segment) check it with
 * {@link BlobId#isValid} or catch this and answer 400. It is not a {@link BlobException} because
 * that root is an {@link java.io.IOException}, and a bad name is not an I/O condition.
 */
public final class InvalidBlobIdException extends IllegalArgumentException {

    private static final int SHOWN_CHARS = 80;

    public InvalidBlobIdException(String text) {
        super("not a blob id (expected 64 lowercase hex characters): " + shown(text));
    }

    private static String shown(String text) {
        if (text == null) {
            return "null";
        }
        String cut = text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text;
        return "'" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }
}
