package io.confman.web.blob;

import io.confman.blob.BlobStoreFullException;
import io.confman.blob.BlobTooLargeException;
import io.confman.blob.UploadSessions.Session;
import io.confman.blob.UploadSessions;
import io.confman.codec.model.ConfigEntry;
import io.confman.web.NodeServices;
import io.confman.web.api.AccessGuard;
import io.confman.web.api.ApiRoutes;
import io.confman.web.api.EntityTags;
import io.confman.web.api.Requests;
import io.confman.web.auth.ApiKeyAuthenticator;
import io.confman.web.auth.Permission;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import io.confman.web.support.Json;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resumable uploads of a raw value, for values of many GiB over links that drop (after tus):
 * <ol>
 * <li>{@code POST .../config/{key}/uploads} starts one (optional {@code Upload-Length} and {@code
 *     Upload-Content-Type}) and answers 201 with its {@code Location};</li>
 * <li>{@code PATCH .../uploads/{upload}} with {@code Upload-Offset} appends a part; what arrives is
 *     synced before the answer, and kept even if the part breaks off;</li>
 * <li>{@code HEAD .../uploads/{upload}} tells the offset to resume from after a failure;</li>
 * <li>{@code POST .../uploads/{upload}/commit} stores the whole value like a raw PUT (a quorum of
 *     durable copies, then the pointer through Raft, with {@code Content-Digest} and {@code
 *     If-Match} as there) and answers the committed entry; {@code DELETE} abandons it.</li>
 * </ol>
 * An upload lives on the node that started it: every request of one upload goes to that node (the
 * others answer 404). Each step needs write access to the namespace.
 */
final class UploadHandlers {
    static final String UPLOAD = "upload";
    static final String START_PATH = RawValueHandlers.PATH.replace("/value", "/uploads");
    static final String UPLOAD_PATH = START_PATH + "/{" + UPLOAD + "}";
    static final String COMMIT_PATH = UPLOAD_PATH + "/commit";
    static final HeaderName UPLOAD_OFFSET = HeaderNames.create("Upload-Offset");
    static final HeaderName UPLOAD_LENGTH = HeaderNames.create("Upload-Length");
    static final HeaderName UPLOAD_CONTENT_TYPE = HeaderNames.create("Upload-Content-Type");

    private final NodeServices services;
    private final UploadSessions uploads;
    private final AccessGuard guard;
    private final RawValueHandlers raw;

    UploadHandlers(NodeServices services, RawValueHandlers raw) {
        this.services = services;
        this.uploads = services.uploads();
        this.guard = new AccessGuard(new ApiKeyAuthenticator(services.apiKeys()));
        this.raw = raw;
    }

    void start(ServerRequest req, ServerResponse res) {
        AccessGuard.Target target = guard.requireNamespace(req, Permission.WRITE_CONFIG);
        String key = Requests.key(req);
        long declared = req.headers().first(UPLOAD_LENGTH).map(UploadHandlers::nonNegative).orElse(-1L);
        String contentType = RawValueHandlers.mediaType(req.headers().first(UPLOAD_CONTENT_TYPE));
        Session session = call(() -> uploads.create(target.namespace(), key, contentType, declared,
                target.caller().name()));
        String location = ApiRoutes.PREFIX + "/namespaces/" + target.namespace() + "/config/" + key + "/uploads/"
                + session.id();
        res.header(HeaderNames.LOCATION, location);
        res.header(UPLOAD_OFFSET, "0");
        Json.send(res, Status.CREATED_201, describe(session, location));
    }

    void status(ServerRequest req, ServerResponse res) {
        Session session = session(req);
        res.header(UPLOAD_OFFSET, Long.toString(session.offset()));
        if (session.declaredBytes() >= 0) {
            res.header(UPLOAD_LENGTH, Long.toString(session.declaredBytes()));
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.status(Status.OK_200).send();
    }

    void append(ServerRequest req, ServerResponse res) {
        Session session = session(req);
        long offset = req.headers().first(UPLOAD_OFFSET).map(UploadHandlers::nonNegative)
                .orElseThrow(() -> BlobErrors.badRequest("Upload-Offset is required: where this part starts"));
        long declared = req.headers().contentLength().orElse(-1);
        if (session.declaredBytes() >= 0 && declared >= 0 && offset + declared > session.declaredBytes()) {
            throw BlobErrors.badRequest("the part ends past Upload-Length (" + session.declaredBytes() + ")");
        }
        InputStream body = req.content().inputStream();
        long now = call(() -> uploads.append(session.id(), offset, body));
        res.header(UPLOAD_OFFSET, Long.toString(now));
        res.status(Status.NO_CONTENT_204).send();
    }

    void commit(ServerRequest req, ServerResponse res) {
        AccessGuard.Target target = guard.requireNamespace(req, Permission.WRITE_CONFIG);
        Session session = session(req, target);
        if (session.declaredBytes() >= 0 && session.offset() != session.declaredBytes()) {
            throw new ApiException(ProblemType.CONFLICT, "the upload holds " + session.offset() + " of its "
                    + session.declaredBytes() + " bytes; send the rest first");
        }
        ConfigEntry entry;
        try (InputStream whole = call(() -> uploads.read(session.id()))) {
            entry = raw.storeAndCommit(target, session.key(), whole, session.contentType(),
                    RawValueHandlers.announcedDigest(req), EntityTags.preconditions(req));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        call(() -> uploads.delete(session.id()));
        Json.send(res, Status.OK_200, entry);
    }

    void abandon(ServerRequest req, ServerResponse res) {
        Session session = session(req);
        call(() -> uploads.delete(session.id()));
        res.status(Status.NO_CONTENT_204).send();
    }

    /** The upload the path names, checked against the caller's access and the path's namespace and key. */
    private Session session(ServerRequest req) {
        return session(req, guard.requireNamespace(req, Permission.WRITE_CONFIG));
    }

    private Session session(ServerRequest req, AccessGuard.Target target) {
        String key = Requests.key(req);
        String id = req.path().pathParameters().get(UPLOAD);
        return call(() -> uploads.find(id))
                .filter(s -> s.namespace().equals(target.namespace()) && s.key().equals(key))
                .orElseThrow(() -> BlobErrors.notFound("no upload " + id + " of " + target.namespace() + "/"
                        + key + " on this node (an upload lives on the node that started it, and ends when "
                        + "committed, deleted, or unused for blob.uploadExpiryMillis)"));
    }

    private static Map<String, Object> describe(Session session, String location) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("upload", session.id());
        body.put("namespace", session.namespace());
        body.put("key", session.key());
        body.put("offset", session.offset());
        body.put("length", session.declaredBytes() >= 0 ? session.declaredBytes() : null);
        body.put("contentType", session.contentType());
        body.put("location", location);
        return body;
    }

    private static long nonNegative(String text) {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw BlobErrors.badRequest("expected a byte count (0 or more), got '" + text + "'");
    }

    private interface Io<T> {
        T run() throws IOException;
    }

    /** Runs a session step; its failures become the problem the client is answered with. */
    private <T> T call(Io<T> step) {
        try {
            return step.run();
        } catch (UploadSessions.OffsetMismatchException e) {
            throw new ApiException(ProblemType.CONFLICT, e.getMessage() + "; resume at Upload-Offset "
                    + e.offset() + " (HEAD tells it)");
        } catch (UploadSessions.BusyException e) {
            throw new ApiException(ProblemType.CONFLICT, e.getMessage());
        } catch (BlobTooLargeException e) {
            throw BlobErrors.tooLarge("the upload would exceed blob.maxSizeBytes ("
                    + services.blobSettings().maxSizeBytes() + ")");
        } catch (BlobStoreFullException e) {
            throw BlobErrors.diskFull("no space left on this node for the upload: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
