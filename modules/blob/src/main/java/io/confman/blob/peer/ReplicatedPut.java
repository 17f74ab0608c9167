package io.confman.blob.peer;

import io.confman.blob.PinnedPut;
import java.util.List;

/**
 * A value stored on this node and durable on enough peers: the local put, still pinned so that no
 * GC pass removes it before its pointer commits, and the peers that confirmed a copy with the
 * same SHA-256. The caller closes it after committing (closing twice is harmless).
 */
public record ReplicatedPut(PinnedPut put, List<String> confirmedPeerIds) implements AutoCloseable {

    public ReplicatedPut {
        confirmedPeerIds = List.copyOf(confirmedPeerIds);
    }

    @Override
    public void close() {
        put.close();
    }
}
