package io.confman.web.blob;

import io.confman.blob.BlobContent;
import io.confman.blob.BlobDigestMismatchException;
import io.confman.blob.BlobId;
import io.confman.blob.BlobStoreFullException;
import io.confman.blob.BlobTooLargeException;
import io.confman.blob.peer.BlobPushException;
import io.confman.codec.command.SetConfigBlobRef;
import io.confman.codec.model.BlobRef;
import io.confman.codec.model.ConfigEntry;
import io.confman.raft.ConfigQueries;
import io.confman.web.NodeServices;
import io.confman.web.auth.ApiKeyAuthenticator;
import io.confman.web.auth.Permission;
import io.confman.web.auth.Principal;
import io.confman.web.http.Json;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code PUT} and {@code GET /api/v1/namespaces/{ns}/config/{key}/value}: a value as raw bytes.
 *
 * <p>PUT streams the body into the blob store while hashing it (verifying {@code Content-Digest}
 * when sent), replicates it to a quorum, and only then commits the pointer through Raft; it answers
 * with the committed entry. GET reads the entry linearizably, then streams the bytes from the local
 * store (fetching them from a peer when the local copy is missing or corrupt) with ETag, digest
 * and single-range support. Neither ever holds a value in memory.
 */
final class RawValueHandlers {
    static final String PATH = "/api/v1/namespaces/{namespace}/config/{key}/value";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,256}");
    private static final Pattern ONLY_DOTS = Pattern.compile("\\.+");
    private static final HeaderName API_KEY = HeaderNames.create("X-Api-Key");
    private static final Pattern CONTENT_TYPE = Pattern.compile("[\\x21-\\x7e][\\x20-\\x7e]{0,254}");
    private static final String OCTET_STREAM = "application/octet-stream";

    private final NodeServices services;
    private final ApiKeyAuthenticator authenticator;
    private final BlobWritePath writePath;
    private final BlobReadPath readPath;
    private final RaftCalls raft;

    RawValueHandlers(NodeServices services) {
        this.services = services;
        this.authenticator = new ApiKeyAuthenticator(services.apiKeys());
        this.writePath = BlobWritePath.of(services);
        this.readPath = BlobReadPath.of(services);
        this.raft = new RaftCalls(services);
    }

    void put(ServerRequest req, ServerResponse res) {
        String namespace = name(req, "namespace");
        String key = name(req, "key");
        Principal caller = authorize(req, Permission.WRITE_CONFIG, namespace);
        long maxBytes = services.blobSettings().maxSizeBytes();
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > maxBytes) {
            throw BlobHttpException.tooLarge("value of " + declared + " bytes exceeds blob.maxSizeBytes (" + maxBytes + ")");
        }
        String contentType = contentType(req);
        Optional<BlobId> announced = BlobHeaders.announcedSha256(req.headers().first(
                HeaderNames.create(BlobHeaders.CONTENT_DIGEST)));
        var preconditions = RaftCalls.preconditions(req);
        try (ReplicatedBlob blob = writePath.storeReplicated(req.content().inputStream(), contentType, maxBytes,
                announced)) {
            BlobRef ref = blob.ref();
            ConfigEntry entry = raft.commit(new SetConfigBlobRef(namespace, key, ref.sha256(), ref.size(),
                    ref.contentType(), null, caller.name(), Instant.now().toString(), preconditions));
            Json.send(res, Status.OK_200, entry);
        } catch (BlobDigestMismatchException e) {
            throw BlobHttpException.badRequest("the body does not match its Content-Digest; nothing was stored");
        } catch (BlobTooLargeException e) {
            throw BlobHttpException.tooLarge("value exceeds blob.maxSizeBytes (" + maxBytes + ")");
        } catch (BlobStoreFullException e) {
            throw BlobHttpException.diskFull("no space left on this node for the value", e);
        } catch (BlobPushException e) {
            throw BlobHttpException.replicationFailed("too few members confirmed a durable copy of the value within blob.quorumTimeoutMillis; "
                            + "nothing was committed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void get(ServerRequest req, ServerResponse res) {
        String namespace = name(req, "namespace");
        String key = name(req, "key");
        authorize(req, Permission.READ, namespace);
        ConfigQueries state = raft.read(req.query().first("consistency").asOptional());
        ConfigEntry entry = state.config(namespace, key)
                .orElseThrow(() -> BlobHttpException.notFound("no config " + key + " in namespace " + namespace));
        if (!entry.blobBacked()) {
            InlineValues.send(req, res, entry);
            return;
        }
        BlobRef ref = entry.blob();
        String etag = BlobHeaders.etag(ref.sha256());
        res.header(HeaderNames.ETAG, etag);
        res.header(HeaderNames.ACCEPT_RANGES, "bytes");
        if (BlobHeaders.noneMatchHits(req.headers().first(HeaderNames.IF_NONE_MATCH), etag)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        Optional<ByteRange> range = ByteRange.parse(req.headers().first(HeaderNames.RANGE), ref.size());
        try (BlobContent content = open(ref, range)) {
            res.header(HeaderNames.CONTENT_TYPE, ref.contentType());
            res.header(HeaderNames.create(BlobHeaders.REPR_DIGEST), BlobHeaders.digestField(ref.sha256()));
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

    /** API.md's rules: missing or unknown key 401; wrong role or namespace 403. */
    private Principal authorize(ServerRequest req, Permission permission, String namespace) {
        String presented = req.headers().first(API_KEY).orElse("");
        if (presented.isEmpty()) {
            throw BlobHttpException.unauthenticated("missing X-Api-Key header");
        }
        Principal caller = authenticator.authenticate(presented)
                .orElseThrow(() -> BlobHttpException.unauthenticated("unknown API key"));
        if (!caller.may(permission)) {
            throw BlobHttpException.forbidden("API key '" + caller.name() + "' may not do this; it needs role "
                    + permission.minimumRole().configName() + " or stronger");
        }
        if (!caller.mayAccess(namespace)) {
            throw BlobHttpException.forbidden("API key '" + caller.name() + "' is not allowed namespace '"
                    + namespace + "'");
        }
        return caller;
    }

    /** The same name rule as the JSON API: 1-256 of A-Z a-z 0-9 . _ - and not only dots. */
    private static String name(ServerRequest req, String parameter) {
        String value = req.path().pathParameters().get(parameter);
        if (!NAME.matcher(value).matches() || ONLY_DOTS.matcher(value).matches()) {
            throw BlobHttpException.badRequest(parameter + " name must be 1-256 characters from A-Z a-z 0-9 . _ - "
                    + "and not only dots");
        }
        return value;
    }

    private static String contentType(ServerRequest req) {
        Optional<String> sent = req.headers().first(HeaderNames.CONTENT_TYPE);
        if (sent.isEmpty()) {
            return OCTET_STREAM;
        }
        if (!CONTENT_TYPE.matcher(sent.get()).matches()) {
            throw BlobHttpException.badRequest("Content-Type must be printable ASCII of at most 255 characters");
        }
        return sent.get();
    }
}
