package io.confman.codec.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A pointer to a value kept in the content-addressed blob store: only this pointer is replicated
 * through Raft and stored in snapshots, never the bytes.
 *
 * @param sha256      64 lowercase hex characters, the SHA-256 of the bytes
 * @param size        the value's length in bytes
 * @param contentType the media type the value was uploaded with
 */
@JsonPropertyOrder({"sha256", "size", "contentType"})
public record BlobRef(String sha256, long size, String contentType) {

    /** Prefix of the {@link #reference()} form used in audit events. */
    public static final String REFERENCE_PREFIX = "sha256:";

    public BlobRef {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentType, "contentType");
    }

    /** The {@code "sha256:<hex>"} form that audit events hold instead of blob bytes. */
    public String reference() {
        return REFERENCE_PREFIX + sha256;
    }

    /** Whether {@code text} is a 64-character lowercase hex SHA-256 digest. */
    public static boolean isSha256Hex(String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
