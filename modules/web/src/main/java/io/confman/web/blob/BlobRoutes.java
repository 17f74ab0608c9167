package io.confman.web.blob;

import io.confman.web.NodeServices;
import io.helidon.webserver.http.HttpRouting;

/** Registers the {@code /internal/blobs} routes. */
public final class BlobRoutes {
    private BlobRoutes() {
    }

    public static void register(HttpRouting.Builder routing, NodeServices services) {
        // Filled in with the blob endpoints.
    }
}
