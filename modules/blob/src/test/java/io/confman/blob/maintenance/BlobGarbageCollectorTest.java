package io.confman.blob.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.blob.BlobId;
import io.confman.blob.BlobPin;
import io.confman.blob.FileBlobStore;
import io.confman.blob.InMemoryBlobStore;
import io.confman.blob.TestContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GC deletes only blobs that are unreferenced, older than the safety window and not pinned, and
 * reports what it kept and skipped. Ages come from a settable clock with the in-memory store, and
 * from back-dated file times with the file store.
 */
class BlobGarbageCollectorTest {

    private static final long MAX_BYTES = 1 << 20;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryBlobStore store = new InMemoryBlobStore(clock);

    @Test
    void deletesOnlyUnreferencedBlobsOlderThanTheWindow() throws Exception {
        BlobId referenced = store.put(TestContent.stream(1, 100), MAX_BYTES).id();
        BlobId orphan = store.put(TestContent.stream(2, 200), MAX_BYTES).id();
        var gc = new BlobGarbageCollector(store, () -> Set.of(referenced.hex()), Duration.ofHours(1), clock);

        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertEquals(new GcReport(1, 0, 1, 0, 0), gc.runOnce());
        assertTrue(store.exists(orphan));

        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertEquals(new GcReport(1, 1, 0, 0, 200), gc.runOnce());
        assertFalse(store.exists(orphan));
        assertTrue(store.exists(referenced));
    }

    @Test
    void neverDeletesAPinnedBlob() throws Exception {
        BlobId orphan = store.put(TestContent.stream(2, 200), MAX_BYTES).id();
        var gc = new BlobGarbageCollector(store, Set::of, Duration.ofHours(1), clock);
        clock.now = clock.now.plus(Duration.ofHours(2));

        try (BlobPin pin = store.pin(orphan)) {
            assertTrue(store.isPinned(pin.id()));
            assertEquals(new GcReport(0, 0, 0, 1, 0), gc.runOnce());
        }
        assertEquals(new GcReport(0, 1, 0, 0, 200), gc.runOnce());
    }

    @Test
    void usesFileTimesWithTheFileStoreAndAnHourByDefault(@TempDir Path root) throws Exception {
        FileBlobStore files = FileBlobStore.open(root);
        BlobId old = files.put(TestContent.stream(1, 100), MAX_BYTES).id();
        BlobId fresh = files.put(TestContent.stream(2, 100), MAX_BYTES).id();
        Files.setLastModifiedTime(root.resolve(old.prefix()).resolve(old.hex()),
                FileTime.from(Instant.now().minus(Duration.ofMinutes(61))));

        GcReport report = new BlobGarbageCollector(files, Set::of).runOnce();

        assertEquals(Duration.ofHours(1), BlobGarbageCollector.DEFAULT_SAFETY_WINDOW);
        assertEquals(new GcReport(0, 1, 1, 0, 100), report);
        assertFalse(files.exists(old));
        assertTrue(files.exists(fresh));
    }

    /** A clock the test moves by hand. */
    private static final class SettableClock extends Clock {
        volatile Instant now;

        SettableClock(Instant start) {
            now = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
