package io.confman.web.blob;

import io.confman.blob.BlobContent;
import io.confman.blob.BlobDigestMismatchException;
import io.confman.blob.BlobId;
import io.confman.blob.BlobInfo;
import io.confman.blob.BlobStore;
import io.confman.blob.BlobStoreFullException;
import io.confman.blob.BlobTooLargeException;
import io.confman.blob.PutResult;
import io.confman.web.http.ClusterGuard;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET/PUT/HEAD /internal/blobs/{sha256}} and {@code POST /internal/blobs}: how nodes copy
 * blobs to each other. Every request
 * passes the {@link ClusterGuard} first (401/403), then the id is checked against
 * {@code ^[0-9a-f]{64}$} on the raw, undecoded path (400) before the store sees it. Bodies are
 * streamed both ways.
 *
 * <p>GET serves only this node's own copy: it never fetches from another peer, so two nodes
 * lacking a blob cannot ask each other in a loop.
 */
final class InternalBlobHandlers {
    static final String UPLOADS_PATH = "/internal/blobs";
    static final String PATH_PREFIX = UPLOADS_PATH + "/";
    private static final String OCTET_STREAM = "application/octet-stream";

    private static final Logger LOG = LoggerFactory.getLogger(InternalBlobHandlers.class);

    private final BlobStore store;
    private final ClusterGuard guard;
    private final long maxBlobBytes;

    InternalBlobHandlers(BlobStore store, ClusterGuard guard, long maxBlobBytes) {
        this.store = store;
        this.guard = guard;
        this.maxBlobBytes = maxBlobBytes;
    }

    void get(ServerRequest req, ServerResponse res) {
        BlobId id = admit(req);
        try {
            Optional<BlobContent> opened = store.open(id);
            if (opened.isEmpty()) {
                throw BlobErrors.notFound("blob " + id + " is not held by this node");
            }
            try (BlobContent content = opened.get()) {
                res.header(HeaderNames.CONTENT_TYPE, OCTET_STREAM);
                sendStream(res, content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void head(ServerRequest req, ServerResponse res) {
        BlobId id = admit(req);
        Optional<BlobInfo> info;
        try {
            info = store.info(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (info.isEmpty()) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, OCTET_STREAM);
        res.header(HeaderNames.CONTENT_LENGTH, Long.toString(info.get().sizeBytes()));
        // send() without an entity keeps a Content-Length that is already set: the HEAD answer.
        res.status(Status.OK_200).send();
    }

    void put(ServerRequest req, ServerResponse res) {
        BlobId id = admit(req);
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > maxBlobBytes) {
            throw BlobErrors.tooLarge("blob of " + declared + " bytes exceeds blob.maxSizeBytes ("
                    + maxBlobBytes + ")");
        }
        PutResult result = store(req, Optional.of(id));
        res.status(result.created() ? Status.CREATED_201 : Status.NO_CONTENT_204).send();
    }

    /**
     * {@code POST /internal/blobs}: the peer's side of a pipelined upload. The body comes first and
     * its id is not known in advance: the blob is stored under the SHA-256 of what arrived (synced
     * before the answer) and the answer names it in {@code Location}; the sender counts the copy
     * only if that id is its own. 201 when the copy is new, 200 when it was already held.
     */
    void upload(ServerRequest req, ServerResponse res) {
        guard.require(req);
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > maxBlobBytes) {
            throw BlobErrors.tooLarge("blob of " + declared + " bytes exceeds blob.maxSizeBytes ("
                    + maxBlobBytes + ")");
        }
        long started = System.nanoTime();
        PutResult result = store(req, Optional.empty());
        LOG.debug("Stored blob {} ({} bytes) from a pipelined upload in {} ms", result.id(), result.sizeBytes(),
                (System.nanoTime() - started) / 1_000_000);
        res.header(HeaderNames.LOCATION, PATH_PREFIX + result.id().hex());
        res.status(result.created() ? Status.CREATED_201 : Status.OK_200).send();
    }

    private PutResult store(ServerRequest req, Optional<BlobId> expected) {
        try {
            return store.put(req.content().inputStream(), maxBlobBytes, expected);
        } catch (BlobDigestMismatchException e) {
            throw BlobErrors.badRequest("the body does not hash to " + expected.orElseThrow());
        } catch (BlobTooLargeException e) {
            throw BlobErrors.tooLarge("blob exceeds blob.maxSizeBytes (" + maxBlobBytes + ")");
        } catch (BlobStoreFullException e) {
            throw BlobErrors.diskFull("no space left for the blob: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks the caller and the id; throws 401/403/400 problems. */
    private BlobId admit(ServerRequest req) {
        guard.require(req);
        String raw = req.path().absolute().rawPath();
        String candidate = raw.startsWith(PATH_PREFIX) ? raw.substring(PATH_PREFIX.length()) : "";
        if (!BlobId.isValid(candidate)) {
            throw BlobErrors.badRequest("blob id must be 64 lowercase hex characters");
        }
        return BlobId.of(candidate);
    }

    /** Streams a blob read with its length announced first; an empty one is sent without a stream. */
    static void sendStream(ServerResponse res, BlobContent content) throws IOException {
        res.header(HeaderNames.CONTENT_LENGTH, Long.toString(content.lengthBytes()));
        if (content.lengthBytes() == 0) {
            // Still read to the end so an empty whole read is hash-checked.
            ResponseStreams.copy(content.stream(), OutputStream.nullOutputStream());
            res.send();
            return;
        }
        try (OutputStream out = res.outputStream()) {
            ResponseStreams.copy(content.stream(), out);
        }
    }
}
