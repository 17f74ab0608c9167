package io.confman.blob;

import java.util.regex.Pattern;

/**
 * The name of a blob: the lowercase hex SHA-256 of its bytes, exactly 64 characters.
 *
 * <p>The only way to name a blob in this module's API, so a file path is never built from an
 * unchecked string: the constructor rejects anything not matching {@code ^[0-9a-f]{64}$}
 * (uppercase, short, {@code ../../etc/passwd}) with an {@link InvalidBlobIdException}.
 */
public record BlobId(String hex) implements Comparable<BlobId> {

    /** Characters in a SHA-256 written as hex. */
    public static final int HEX_LENGTH_CHARS = 64;

    private static final Pattern VALID = Pattern.compile("^[0-9a-f]{64}$");

    public BlobId {
        if (!isValid(hex)) {
            throw new InvalidBlobIdException(hex);
        }
    }

    /** Parses {@code text}, throwing {@link InvalidBlobIdException} if it is not a valid id. */
    public static BlobId of(String text) {
        return new BlobId(text);
    }

    /** Whether {@code text} is a valid id; never throws. */
    public static boolean isValid(String text) {
        return text != null && text.length() == HEX_LENGTH_CHARS && VALID.matcher(text).matches();
    }

    /** The first two hex characters: the name of the directory holding the blob's file. */
    public String prefix() {
        return hex.substring(0, 2);
    }

    @Override
    public int compareTo(BlobId other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
