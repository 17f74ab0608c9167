package io.confman.web.blob;

import io.confman.blob.BlobContent;
import io.confman.blob.BlobId;
import io.confman.codec.command.Preconditions;
import io.confman.codec.command.SetConfigBlobRef;
import io.confman.codec.model.BlobRef;
import io.confman.codec.model.ConfigEntry;
import io.confman.raft.ConfigQueries;
import io.confman.web.NodeServices;
import io.confman.web.api.AccessGuard;
import io.confman.web.api.ApiRoutes;
import io.confman.web.api.EntityTags;
import io.confman.web.api.RaftCalls;
import io.confman.web.api.Requests;
import io.confman.web.auth.ApiKeyAuthenticator;
import io.confman.web.auth.Permission;
import io.confman.web.support.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT}, {@code GET} and {@code HEAD /api/v1/namespaces/{ns}/config/{key}/value}: a value as raw
 * bytes.
 *
 * <p>PUT streams the body into the blob store while hashing it (verifying {@code Content-Digest}
 * when sent), replicates it to a quorum, and only then commits the pointer through Raft; it answers
 * with the committed entry. GET reads the entry linearizably, then streams the bytes from the local
 * store (fetching them from a peer when the local copy is missing or corrupt) with ETag, digest
 * and single-range support. Neither ever holds a value in memory.
 *
 * <p>Keys, roles, names and namespace scope are checked by the JSON API's {@link AccessGuard} and
 * {@link Requests}, in the same order and with the same answers; Raft calls and {@code If-Match} /
 * {@code If-None-Match} go through its {@link RaftCalls} and {@link EntityTags}.
 */
final class RawValueHandlers {
    static final String PATH = ApiRoutes.PREFIX + "/namespaces/{" + Requests.NAMESPACE + "}/config/{" + Requests.KEY
            + "}/value";
    private static final Pattern CONTENT_TYPE = Pattern.compile("[\\x21-\\x7e][\\x20-\\x7e]{0,254}");
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final Logger LOG = LoggerFactory.getLogger(RawValueHandlers.class);

    private final NodeServices services;
    private final AccessGuard guard;
    private final BlobWritePath writePath;
    private final BlobReadPath readPath;
    private final RaftCalls raft;

    RawValueHandlers(NodeServices services) {
        this.services = services;
        this.guard = new AccessGuard(new ApiKeyAuthenticator(services.apiKeys()));
        this.writePath = BlobWritePath.of(services);
        this.readPath = BlobReadPath.of(services);
        this.raft = new RaftCalls(services.store());
    }

    void put(ServerRequest req, ServerResponse res) {
        AccessGuard.Target target = guard.requireNamespace(req, Permission.WRITE_CONFIG);
        String key = Requests.key(req);
        long maxBytes = services.blobSettings().maxSizeBytes();
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > maxBytes) {
            throw BlobErrors.tooLarge("value of " + declared + " bytes exceeds blob.maxSizeBytes (" + maxBytes + ")");
        }
        Json.send(res, Status.OK_200, storeAndCommit(target, key, req.content().inputStream(), contentType(req),
                announcedDigest(req), EntityTags.preconditions(req)));
    }

    /**
     * Stores {@code body} through the blob write path (a quorum of durable copies) and commits the
     * pointer to it as the value of {@code key}; the committed entry. Shared by the raw PUT and the
     * commit of a resumable upload.
     */
    ConfigEntry storeAndCommit(AccessGuard.Target target, String key, InputStream body, String contentType,
                               Optional<BlobId> announced, Preconditions preconditions) {
        long started = System.nanoTime();
        try (ReplicatedBlob blob = writePath.storeReplicatedForRequest(body, contentType,
                services.blobSettings().maxSizeBytes(), announced)) {
            long replicated = System.nanoTime();
            BlobRef ref = blob.ref();
            ConfigEntry entry = RaftCalls.storedEntry(raft.write(new SetConfigBlobRef(target.namespace(), key,
                    ref.sha256(), ref.size(), ref.contentType(), null, target.caller().name(), Instant.now().toString(),
                    preconditions)));
            LOG.debug("Raw value {}/{} ({} bytes): replicated in {} ms, pointer committed in {} ms", target.namespace(),
                    key, ref.size(), (replicated - started) / 1_000_000, (System.nanoTime() - replicated) / 1_000_000);
            return entry;
        }
    }

    /** The SHA-256 the client announced in {@code Content-Digest}, if any (400 when malformed). */
    static Optional<BlobId> announcedDigest(ServerRequest req) {
        return BlobHeaders.announcedSha256(req.headers().first(HeaderNames.create(BlobHeaders.CONTENT_DIGEST)));
    }

    void get(ServerRequest req, ServerResponse res) {
        answer(req, res, true);
    }

    /**
     * What {@link #get} would answer, without the body: lets a client learn a value's size, type
     * and ETag without transferring it. A Range header is ignored, as RFC 9110 asks for HEAD.
     */
    void head(ServerRequest req, ServerResponse res) {
        answer(req, res, false);
    }

    private void answer(ServerRequest req, ServerResponse res, boolean withBody) {
        String namespace = guard.requireNamespace(req, Permission.READ).namespace();
        String key = Requests.key(req);
        ConfigQueries state = raft.read(Requests.query(req, RaftCalls.CONSISTENCY));
        ConfigEntry entry = state.config(namespace, key)
                .orElseThrow(() -> BlobErrors.notFound("no config " + key + " in namespace " + namespace));
        if (!entry.blobBacked()) {
            InlineValues.send(req, res, entry, withBody);
            return;
        }
        BlobRef ref = entry.blob();
        Optional<ValueHeaders.Body> body = ValueHeaders.write(req, res, ref.sha256(), ref.size(), ref.contentType(),
                withBody);
        if (body.isEmpty()) {
            return;
        }
        Optional<ByteRange> range = body.get().range();
        try (BlobContent content = open(ref, range)) {
            if (range.isPresent()) {
                res.status(Status.PARTIAL_CONTENT_206);
                res.header(HeaderNames.CONTENT_RANGE, range.get().contentRange(ref.size()));
            }
            InternalBlobHandlers.sendStream(res, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BlobContent open(BlobRef ref, Optional<ByteRange> range) throws IOException {
        BlobId id = BlobId.of(ref.sha256());
        return range.isPresent()
                ? readPath.openOrUnavailable(id, range.get().offset(), range.get().length())
                : readPath.openOrUnavailable(id, 0, Long.MAX_VALUE);
    }

    private static String contentType(ServerRequest req) {
        return mediaType(req.headers().first(HeaderNames.CONTENT_TYPE));
    }

    /** A value's media type as sent (checked: printable ASCII, at most 255), octet-stream if none. */
    static String mediaType(Optional<String> sent) {
        if (sent.isEmpty()) {
            return OCTET_STREAM;
        }
        if (!CONTENT_TYPE.matcher(sent.get()).matches()) {
            throw BlobErrors.badRequest("Content-Type must be printable ASCII of at most 255 characters");
        }
        return sent.get();
    }
}
