package io.confman.raft;

import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.util.List;

/**
 * Every namespace and every entry of the state, read atomically with the position and the newest
 * revision they reflect: what a consistent backup exports. Audit history is not part of it.
 *
 * @param lastApplied  the position of the last entry applied when the view was taken
 * @param lastRevision the newest revision of the state; 0 before the first change
 * @param namespaces   the namespaces, ordered by path
 * @param entries      the entries, ordered by namespace then key
 */
public record StateView(LogPosition lastApplied, long lastRevision, List<Namespace> namespaces,
                        List<ConfigEntry> entries) {
    public StateView {
        namespaces = List.copyOf(namespaces);
        entries = List.copyOf(entries);
    }
}
