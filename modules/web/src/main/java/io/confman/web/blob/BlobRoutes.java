package io.confman.web.blob;

import io.confman.web.NodeServices;
import io.confman.web.http.ClusterGuard;
import io.helidon.webserver.http.HttpRules;

/**
 * Registers the blob routes: the node-to-node {@code /internal/blobs[/{sha256}]} endpoints and the
 * raw value endpoints {@code /api/v1/namespaces/{ns}/config/{key}/value}, with its resumable
 * uploads under {@code .../config/{key}/uploads}.
 */
public final class BlobRoutes {
    /** Everything below this path is matched here; the id is checked on the raw path. */
    private static final String INTERNAL_PATTERN = "/internal/blobs/*";

    private BlobRoutes() {
    }

    /** Registers the routes; {@code internalGuard} admits callers of the internal endpoints. */
    public static void register(HttpRules routing, NodeServices services, ClusterGuard internalGuard) {
        InternalBlobHandlers internal = new InternalBlobHandlers(services.blobs(), internalGuard,
                services.blobSettings().maxSizeBytes());
        RawValueHandlers raw = new RawValueHandlers(services);
        UploadHandlers uploads = new UploadHandlers(services, raw);
        routing.get(INTERNAL_PATTERN, BlobProblems.guarded(internal::get))
                .head(INTERNAL_PATTERN, BlobProblems.guarded(internal::head))
                .put(INTERNAL_PATTERN, BlobProblems.guarded(internal::put))
                .post(InternalBlobHandlers.UPLOADS_PATH, BlobProblems.guarded(internal::upload))
                .get(RawValueHandlers.PATH, BlobProblems.guarded(raw::get))
                .head(RawValueHandlers.PATH, BlobProblems.guarded(raw::head))
                .put(RawValueHandlers.PATH, BlobProblems.guarded(raw::put))
                .post(UploadHandlers.START_PATH, BlobProblems.guarded(uploads::start))
                .head(UploadHandlers.UPLOAD_PATH, BlobProblems.guarded(uploads::status))
                .patch(UploadHandlers.UPLOAD_PATH, BlobProblems.guarded(uploads::append))
                .delete(UploadHandlers.UPLOAD_PATH, BlobProblems.guarded(uploads::abandon))
                .post(UploadHandlers.COMMIT_PATH, BlobProblems.guarded(uploads::commit));
    }
}
