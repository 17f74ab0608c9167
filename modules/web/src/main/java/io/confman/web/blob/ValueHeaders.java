package io.confman.web.blob;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * The head of every answer to {@code GET} or {@code HEAD .../value}, the same whether the value is
 * kept inline or in the blob store: ETag and Accept-Ranges, 304 for a matching If-None-Match, then
 * Content-Type and Repr-Digest; a HEAD is answered here in full (Content-Length, no body).
 */
final class ValueHeaders {
    private ValueHeaders() {
    }

    /** What the caller still has to send: the whole value, or {@code range} of it. */
    record Body(Optional<ByteRange> range) {
    }

    /**
     * Writes the headers for a value of {@code size} bytes with SHA-256 {@code sha256}.
     *
     * @return empty when the answer is complete (304, or a HEAD); otherwise the body to send
     * @throws io.confman.web.problem.ApiException 416 for an unsatisfiable Range (checked before the value's headers)
     */
    static Optional<Body> write(ServerRequest req, ServerResponse res, String sha256, long size, String contentType,
                                boolean withBody) {
        String etag = BlobHeaders.etag(sha256);
        res.header(HeaderNames.ETAG, etag);
        res.header(HeaderNames.ACCEPT_RANGES, "bytes");
        if (BlobHeaders.noneMatchHits(req.headers().first(HeaderNames.IF_NONE_MATCH), etag)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return Optional.empty();
        }
        // A HEAD ignores Range, as RFC 9110 asks.
        Optional<ByteRange> range = withBody
                ? ByteRange.parse(req.headers().first(HeaderNames.RANGE), size) : Optional.empty();
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.header(HeaderNames.create(BlobHeaders.REPR_DIGEST), BlobHeaders.digestField(sha256));
        if (!withBody) {
            // send() without an entity keeps a Content-Length that is already set.
            res.header(HeaderNames.CONTENT_LENGTH, Long.toString(size));
            res.status(Status.OK_200).send();
            return Optional.empty();
        }
        return Optional.of(new Body(range));
    }
}
