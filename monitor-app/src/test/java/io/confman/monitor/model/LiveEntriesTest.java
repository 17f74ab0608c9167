package io.confman.monitor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.confman.monitor.client.ConfigEntry;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/**
 * Merging listings and watched changes by revision, whatever order they arrive in: a late read
 * never brings back an older state or a deleted key, new keys land in key order, and a listing
 * read after the watch started is completed by the changes seen since (and not by older ones).
 */
class LiveEntriesTest {

    private final ObservableList<ConfigEntry> rows = FXCollections.observableArrayList();
    private final LiveEntries live = new LiveEntries(rows);

    private static ConfigEntry entry(String key, long version, long revision) {
        return new ConfigEntry("ns", key, null, "string", version, revision, "2025-01-01T00:00:00Z", "admin", null);
    }

    private List<String> shown() {
        return rows.stream().map(e -> e.key() + "@" + e.revision()).toList();
    }

    @Test
    void storedEntriesLandInKeyOrderAndOnlyNewerRevisionsReplaceThem() {
        live.listed(List.of(entry("a", 1, 10), entry("c", 1, 11)));
        live.stored(entry("b", 1, 12));
        assertEquals(List.of("a@10", "b@12", "c@11"), shown());
        live.stored(entry("b", 3, 20));
        assertFalse(live.stored(entry("b", 2, 15)), "a late answer with an older revision");
        assertEquals(List.of("a@10", "b@20", "c@11"), shown());
    }

    @Test
    void aDeletionIsRememberedSoALateReadDoesNotBringTheKeyBack() {
        live.listed(List.of(entry("a", 1, 10)));
        live.deleted("a", 14);
        assertEquals(List.of(), shown());
        assertFalse(live.stored(entry("a", 1, 10)));
        assertFalse(live.isNewer("a", 13));
        live.stored(entry("a", 1, 20));
        assertEquals(List.of("a@20"), shown(), "created again later");
    }

    @Test
    void aListingReadAfterTheWatchStartedIsCompletedByTheChangesSeenSince() {
        live.listed(List.of(entry("old", 1, 5)));
        live.stored(entry("before-start", 1, 6));
        live.watchStarted();
        live.stored(entry("x", 1, 30));
        live.deleted("y", 31);
        live.stored(entry("z", 2, 32));
        // The listing was taken at about revision 30: it has x's create, y (deleted right after),
        // an older z; it lacks before-start, which was deleted before the watch started.
        live.listed(List.of(entry("old", 1, 5), entry("x", 1, 30), entry("y", 4, 25), entry("z", 1, 28)));
        assertEquals(List.of("old@5", "x@30", "z@32"), shown());
    }
}
