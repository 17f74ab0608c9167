package io.confman.monitor.model;

import io.confman.monitor.client.ConfigEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.ObservableList;

/**
 * The rows of one namespace kept current from two sources that may overlap and arrive in any
 * order: listings ({@code GET .../config}) and single entries fetched after the watch stream
 * reported a change. Each key's row is replaced only by a newer revision (revisions are unique and
 * increasing cluster-wide), and a deletion is remembered with its revision, so that a late answer
 * never brings back an older state.
 *
 * <p>A listing is taken at some revision the monitor does not learn. When the watch starts afresh
 * (first open, or after a 410), the changes reported since are kept; a listing read after that
 * start is completed by every such change newer than the listing's row for its key (or for a key
 * the listing lacks). Any change before the start is in the listing, any after it came as an event,
 * so the rows end up exact. FX thread only.
 */
final class LiveEntries {

    /** A change seen on the stream: the entry as fetched, or null for a deletion. */
    private record Change(long revision, ConfigEntry entry) {
    }

    private final ObservableList<ConfigEntry> rows;
    /** Per key: the revision of the row shown, or of its deletion. */
    private final Map<String, Long> revisions = new HashMap<>();
    /** Per key: the latest change since the watch last started afresh. */
    private final Map<String, Change> sinceStart = new HashMap<>();

    LiveEntries(ObservableList<ConfigEntry> rows) {
        this.rows = rows;
    }

    /** Another namespace: nothing shown, nothing remembered. */
    void clear() {
        rows.clear();
        revisions.clear();
        sinceStart.clear();
    }

    /** The watch starts with the next change: changes remembered so far are covered by the next listing. */
    void watchStarted() {
        sinceStart.clear();
    }

    /** Whether a change at {@code revision} is newer than what is known of {@code key}. */
    boolean isNewer(String key, long revision) {
        return revision > revisions.getOrDefault(key, 0L);
    }

    /** A listing: it replaces the rows, completed by the newer changes seen since the watch started. */
    void listed(List<ConfigEntry> listing) {
        revisions.clear();
        Map<String, ConfigEntry> byKey = new HashMap<>();
        for (ConfigEntry entry : listing) {
            byKey.put(entry.key(), entry);
            revisions.put(entry.key(), entry.revision());
        }
        for (Map.Entry<String, Change> seen : sinceStart.entrySet()) {
            Change change = seen.getValue();
            if (isNewer(seen.getKey(), change.revision())) {
                revisions.put(seen.getKey(), change.revision());
                if (change.entry() == null) {
                    byKey.remove(seen.getKey());
                } else {
                    byKey.put(seen.getKey(), change.entry());
                }
            }
        }
        Set<String> listedKeys = new HashSet<>();
        List<ConfigEntry> shown = new ArrayList<>();
        for (ConfigEntry entry : listing) {
            listedKeys.add(entry.key());
            ConfigEntry now = byKey.get(entry.key());
            if (now != null) {
                shown.add(now);
            }
        }
        rows.setAll(shown);
        for (ConfigEntry entry : byKey.values()) {
            if (!listedKeys.contains(entry.key())) {
                rows.add(-indexOf(entry.key()) - 1, entry);
            }
        }
    }

    /** An entry read after a change was reported; shown unless something newer is known. */
    boolean stored(ConfigEntry entry) {
        remember(entry.key(), new Change(entry.revision(), entry));
        if (!isNewer(entry.key(), entry.revision())) {
            return false;
        }
        revisions.put(entry.key(), entry.revision());
        int at = indexOf(entry.key());
        if (at >= 0) {
            rows.set(at, entry);
        } else {
            rows.add(-at - 1, entry);
        }
        return true;
    }

    /** A deletion the stream reported. */
    void deleted(String key, long revision) {
        remember(key, new Change(revision, null));
        if (isNewer(key, revision)) {
            revisions.put(key, revision);
            int at = indexOf(key);
            if (at >= 0) {
                rows.remove(at);
            }
        }
    }

    private void remember(String key, Change change) {
        Change known = sinceStart.get(key);
        if (known == null || change.revision() > known.revision()) {
            sinceStart.put(key, change);
        }
    }

    /**
     * The row of {@code key}, or {@code -(insertion point) - 1}: before the first row with a
     * greater key (nodes list keys in order, so new keys land in order).
     */
    private int indexOf(String key) {
        int insertAt = rows.size();
        for (int i = 0; i < rows.size(); i++) {
            int order = rows.get(i).key().compareTo(key);
            if (order == 0) {
                return i;
            }
            if (order > 0 && insertAt == rows.size()) {
                insertAt = i;
            }
        }
        return -insertAt - 1;
    }
}
