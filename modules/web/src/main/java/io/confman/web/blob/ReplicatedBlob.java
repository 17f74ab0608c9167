package io.confman.web.blob;

import io.confman.blob.PinnedPut;
import io.confman.codec.model.BlobRef;

/**
 * A blob that is durable on a quorum of members and still pinned on this node, so no GC pass can
 * remove it before its pointer is committed. The caller commits the pointer ({@link #ref}) and
 * then closes this, on any thread; closing twice is harmless.
 *
 * @param ref     the pointer to commit
 * @param created whether this node's store did not hold the content before
 */
public record ReplicatedBlob(BlobRef ref, boolean created, PinnedPut pinned) implements AutoCloseable {

    @Override
    public void close() {
        pinned.close();
    }
}
