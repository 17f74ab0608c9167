package io.confman.web.api;

import io.confman.codec.model.BlobRef;
import java.io.IOException;
import java.io.InputStream;

/**
 * The seam through which the JSON API reads a blob-backed value: {@code GET .../config/{key}}
 * streams the bytes {@link #open} returns into the {@code value} field of its answer, never
 * holding them whole.
 *
 * <p>Called on the request's (virtual) thread; may block while the value is fetched from a peer.
 * The caller closes the stream. When no node can supply the value the implementation throws an
 * exception the routing-wide problem handler answers with 503.
 */
@FunctionalInterface
public interface LargeValueReader {

    /** Opens the whole value {@code ref} points to, verified against its hash while read. */
    InputStream open(BlobRef ref) throws IOException;
}
