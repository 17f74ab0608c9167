package io.confman.web.blob;

import io.confman.blob.BlobId;
import io.confman.web.api.EntityTags;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTP header forms of a blob's identity: the strong {@code ETag "sha256:<hex>"}, the RFC 9530
 * {@code Repr-Digest}/{@code Content-Digest} value {@code sha-256=:<base64>:}, and the
 * {@code If-None-Match} comparison. Pure functions.
 */
final class BlobHeaders {
    static final String CONTENT_DIGEST = "Content-Digest";
    static final String REPR_DIGEST = "Repr-Digest";
    private static final String SHA_256_KEY = "sha-256";
    private static final int SHA_256_BYTES = 32;

    private BlobHeaders() {
    }

    /** {@code "sha256:<hex>"}, quotes included. */
    static String etag(String sha256Hex) {
        return "\"sha256:" + sha256Hex + "\"";
    }

    /** {@code sha-256=:<base64 of the digest bytes>:}. */
    static String digestField(String sha256Hex) {
        return SHA_256_KEY + "=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex)) + ":";
    }

    /**
     * The SHA-256 a {@code Content-Digest} header announces, or empty when it names no sha-256
     * (other algorithms are ignored).
     *
     * @throws io.confman.web.problem.ApiException 400 when the sha-256 member is malformed
     */
    static Optional<BlobId> announcedSha256(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        for (String member : header.get().split(",")) {
            String trimmed = member.trim();
            int equals = trimmed.indexOf('=');
            if (equals < 0 || !trimmed.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals(SHA_256_KEY)) {
                continue;
            }
            String value = trimmed.substring(equals + 1).trim();
            if (value.length() < 2 || value.charAt(0) != ':' || value.charAt(value.length() - 1) != ':') {
                throw BlobErrors.badRequest("Content-Digest sha-256 must be written sha-256=:<base64>:");
            }
            byte[] digest;
            try {
                digest = Base64.getDecoder().decode(value.substring(1, value.length() - 1));
            } catch (IllegalArgumentException e) {
                throw BlobErrors.badRequest("Content-Digest sha-256 is not valid base64");
            }
            if (digest.length != SHA_256_BYTES) {
                throw BlobErrors.badRequest("Content-Digest sha-256 must be 32 bytes, got " + digest.length);
            }
            return Optional.of(BlobId.of(HexFormat.of().formatHex(digest)));
        }
        return Optional.empty();
    }

    /** Whether an {@code If-None-Match} header matches {@code etag} (or is {@code *}), as the JSON API compares. */
    static boolean noneMatchHits(Optional<String> header, String etag) {
        return EntityTags.noneMatchHits(header, etag);
    }
}
