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
        routing.get(INTERNAL_PATTERN, internal::get)
                .head(INTERNAL_PATTERN, internal::head)
                .put(INTERNAL_PATTERN, internal::put)
                .post(InternalBlobHandlers.UPLOADS_PATH, internal::upload)
                .get(RawValueHandlers.PATH, raw::get)
                .head(RawValueHandlers.PATH, raw::head)
                .put(RawValueHandlers.PATH, raw::put)
                .post(UploadHandlers.START_PATH, uploads::start)
                .head(UploadHandlers.UPLOAD_PATH, uploads::status)
                .patch(UploadHandlers.UPLOAD_PATH, uploads::append)
                .delete(UploadHandlers.UPLOAD_PATH, uploads::abandon)
                .post(UploadHandlers.COMMIT_PATH, uploads::commit);
    }
}
