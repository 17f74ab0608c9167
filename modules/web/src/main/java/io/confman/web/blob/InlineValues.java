package io.confman.web.blob;

import io.confman.codec.model.ConfigEntry;
import io.confman.web.support.Sha256;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        String sha256 = Sha256.hexOf(bytes);
        Optional<ValueHeaders.Body> body = ValueHeaders.write(req, res, sha256, bytes.length,
                BlobLargeValueWriter.contentTypeOf(entry.type()), withBody);
        if (body.isEmpty()) {
            return;
        }
        Optional<ByteRange> range = body.get().range();
        if (range.isEmpty()) {
            res.status(Status.OK_200).send(bytes);
            return;
        }
        int from = Math.toIntExact(range.get().offset());
        res.status(Status.PARTIAL_CONTENT_206);
        res.header(HeaderNames.CONTENT_RANGE, range.get().contentRange(bytes.length));
        res.send(Arrays.copyOfRange(bytes, from, from + Math.toIntExact(range.get().length())));
    }
}
