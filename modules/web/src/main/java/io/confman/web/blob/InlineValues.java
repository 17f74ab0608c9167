package io.confman.web.blob;

import io.confman.codec.model.ConfigEntry;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code GET} / {@code HEAD .../value} of an entry kept inline in the Raft state (below the inline threshold):
 * its UTF-8 bytes with the same headers as a blob-backed value, so clients need not care where
 * a value lives. Such values are small by construction, so they are answered from memory.
 */
final class InlineValues {
    private InlineValues() {
    }

    /** Answers a GET ({@code withBody}) or a HEAD (same headers, no body, Range ignored). */
    static void send(ServerRequest req, ServerResponse res, ConfigEntry entry, boolean withBody) {
        byte[] bytes = entry.value().getBytes(StandardCharsets.UTF_8);
        String sha256 = sha256Hex(bytes);
        String etag = BlobHeaders.etag(sha256);
        res.header(HeaderNames.ETAG, etag);
        res.header(HeaderNames.ACCEPT_RANGES, "bytes");
        if (BlobHeaders.noneMatchHits(req.headers().first(HeaderNames.IF_NONE_MATCH), etag)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        Optional<ByteRange> range = withBody
                ? ByteRange.parse(req.headers().first(HeaderNames.RANGE), bytes.length) : Optional.empty();
        res.header(HeaderNames.CONTENT_TYPE, BlobLargeValueWriter.contentTypeOf(entry.type()));
        res.header(HeaderNames.create(BlobHeaders.REPR_DIGEST), BlobHeaders.digestField(sha256));
        if (!withBody) {
            res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length));
            res.status(Status.OK_200).send();
            return;
        }
        if (range.isEmpty()) {
            res.status(Status.OK_200).send(bytes);
            return;
        }
        int from = Math.toIntExact(range.get().offset());
        res.status(Status.PARTIAL_CONTENT_206);
        res.header(HeaderNames.CONTENT_RANGE, range.get().contentRange(bytes.length));
        res.send(Arrays.copyOfRange(bytes, from, from + Math.toIntExact(range.get().length())));
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
