package io.confman.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resumable uploads on disk: parts append at the right offset only, a part that breaks off keeps
 * what arrived, limits hold, sessions survive a reopen and expire when unused.
 */
class UploadSessionsTest {
    private static final long MAX_BYTES = 1_000_000;

    @TempDir
    Path dir;

    private UploadSessions sessions;

    @BeforeEach
    void open() throws IOException {
        sessions = UploadSessions.open(dir, Duration.ofHours(1), MAX_BYTES, 0, Clock.systemUTC());
    }

    @Test
    void partsAppendInOrderAndTheWholeReadsBack() throws IOException {
        UploadSessions.Session started = sessions.create("ns", "big", "application/octet-stream", 600_000, "admin");
        assertEquals(0, started.offset());

        assertEquals(300_000, sessions.append(started.id(), 0, slice(1, 0, 300_000)));
        assertEquals(600_000, sessions.append(started.id(), 300_000, slice(1, 300_000, 300_000)));

        UploadSessions.Session now = sessions.find(started.id()).orElseThrow();
        assertEquals(600_000, now.offset());
        assertEquals("ns", now.namespace());
        assertEquals("big", now.key());
        assertEquals(600_000, now.declaredBytes());
        try (InputStream whole = sessions.read(started.id())) {
            assertTrue(TestContent.sameBytes(TestContent.stream(1, 600_000), whole));
        }
    }

    @Test
    void aPartAtTheWrongOffsetIsRefusedWithTheRealOneAndChangesNothing() throws IOException {
        String id = sessions.create("ns", "k", "text/plain", -1, "admin").id();
        sessions.append(id, 0, slice(2, 0, 1000));

        var mismatch = assertThrows(UploadSessions.OffsetMismatchException.class,
                () -> sessions.append(id, 500, slice(2, 500, 1000)));

        assertEquals(1000, mismatch.offset());
        assertEquals(1000, sessions.find(id).orElseThrow().offset());
    }

    @Test
    void aPartThatBreaksOffKeepsWhatArrivedSoTheNextPartResumesThere() throws IOException {
        String id = sessions.create("ns", "k", "text/plain", -1, "admin").id();
        InputStream breaking = new FilterInputStream(slice(3, 0, 100_000)) {
            private int given;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (given >= 40_000) {
                    throw new IOException("connection reset");
                }
                int n = super.read(b, off, Math.min(len, 40_000 - given));
                given += n;
                return n;
            }
        };

        assertThrows(IOException.class, () -> sessions.append(id, 0, breaking));
        long offset = sessions.find(id).orElseThrow().offset();
        assertEquals(40_000, offset);
        sessions.append(id, offset, slice(3, offset, 100_000 - offset));

        try (InputStream whole = sessions.read(id)) {
            assertTrue(TestContent.sameBytes(TestContent.stream(3, 100_000), whole));
        }
    }

    @Test
    void anUploadCannotGrowPastTheLargestValue() throws IOException {
        assertThrows(BlobTooLargeException.class, () -> sessions.create("ns", "k", "x/y", MAX_BYTES + 1, "admin"));
        String id = sessions.create("ns", "k", "x/y", -1, "admin").id();
        sessions.append(id, 0, slice(4, 0, MAX_BYTES - 10));
        assertThrows(BlobTooLargeException.class, () -> sessions.append(id, MAX_BYTES - 10, slice(4, 0, 100)));
    }

    @Test
    void sessionsSurviveAReopenAndExpireWhenUnused() throws IOException {
        String kept = sessions.create("ns", "kept", "x/y", -1, "admin").id();
        String stale = sessions.create("ns", "stale", "x/y", -1, "admin").id();
        sessions.append(kept, 0, slice(5, 0, 10));
        Files.setLastModifiedTime(dir.resolve(stale + ".part"), FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        UploadSessions reopened = UploadSessions.open(dir, Duration.ofHours(1), MAX_BYTES, 0,
                Clock.fixed(Instant.now(), ZoneOffset.UTC));

        assertEquals(10, reopened.find(kept).orElseThrow().offset());
        assertTrue(reopened.find(stale).isEmpty());
        assertFalse(Files.exists(dir.resolve(stale + ".part")));
    }

    @Test
    void deletedAndUnknownSessionsAreNotFound() throws IOException {
        String id = sessions.create("ns", "k", "x/y", -1, "admin").id();
        assertTrue(sessions.delete(id));
        assertTrue(sessions.find(id).isEmpty());
        assertFalse(sessions.delete(id));
        assertTrue(sessions.find("../../etc/passwd").isEmpty());
        assertTrue(sessions.find("0123456789abcdef0123456789abcdef").isEmpty());
    }

    private static InputStream slice(long seed, long offset, long length) throws IOException {
        InputStream all = TestContent.stream(seed, offset + length);
        all.skipNBytes(offset);
        return all;
    }
}
