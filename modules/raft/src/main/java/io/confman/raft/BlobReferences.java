package io.confman.raft;

import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.ConfigEntry;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How many places in the state — live entries and held audit events — name each blob, kept up to
 * date as the state changes so that the blob reconciler and garbage collector can take the set of
 * referenced blobs without walking the whole state under the lock (that walk stalled applies and
 * queries on large states). Owned by {@link ConfigState}; not thread-safe.
 */
final class BlobReferences {

    private final Map<String, Integer> counts = new HashMap<>();

    void add(ConfigEntry entry) {
        if (entry != null) {
            add(entry.blobSha256());
        }
    }

    void remove(ConfigEntry entry) {
        if (entry != null) {
            remove(entry.blobSha256());
        }
    }

    void add(AuditEvent event) {
        add(event.oldBlob());
        add(event.newBlob());
    }

    void remove(AuditEvent event) {
        remove(event.oldBlob());
        remove(event.newBlob());
    }

    /** An immutable copy of the referenced ids: O(distinct blobs), not O(state). */
    Set<String> snapshot() {
        return Set.copyOf(counts.keySet());
    }

    private void add(String sha256) {
        if (sha256 != null) {
            counts.merge(sha256, 1, Integer::sum);
        }
    }

    private void remove(String sha256) {
        if (sha256 == null) {
            return;
        }
        if (!counts.containsKey(sha256)) {
            throw new IllegalStateException("removing a reference never added: " + sha256);
        }
        counts.computeIfPresent(sha256, (id, count) -> count == 1 ? null : count - 1);
    }
}
