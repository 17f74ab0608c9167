package io.confman.codec.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.model.AuditAction;
import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.BlobRef;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * The snapshot file format: content round-trips exactly; the trailer equals the CRC-32C of the
 * bytes before it; a flipped byte anywhere, any truncation, an unknown version or trailing bytes
 * are refused with a typed exception and an operator-readable message; a large snapshot reaches the
 * output stream in bounded frames rather than as one array; the JSON versions 1 and 2 still read.
 */
class SnapshotFormatTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final SnapshotMetadata METADATA = new SnapshotMetadata(3, 42, 1, 45);
    private static final List<Namespace> NAMESPACES = List.of(
            new Namespace("dev", null, "alice", "2026-01-01T00:00:00Z"),
            new Namespace("prod", "production", "bob", "2026-01-02T00:00:00Z"));
    private static final List<ConfigEntry> ENTRIES = List.of(
            new ConfigEntry("dev", "a", "1", "string", 2, "2026-01-03T00:00:00Z", "alice", 40, null),
            new ConfigEntry("prod", "big", null, "blob", 1, "2026-01-04T00:00:00Z", "bob", 41,
                    new BlobRef(SHA, 1L << 32, "application/octet-stream")));
    private static final List<AuditEvent> AUDIT = List.of(
            new AuditEvent("2026-01-04T00:00:00Z", AuditAction.CONFIG_CREATED, "bob", "prod", "big", null,
                    "sha256:" + SHA, 1L, 41, null, SHA),
            new AuditEvent("2026-01-03T00:00:00Z", AuditAction.CONFIG_UPDATED, "alice", "dev", "a",
                    "sha256:" + SHA, "1", 2L, 40),
            new AuditEvent("2026-01-02T00:00:00Z", AuditAction.NAMESPACE_CREATED, "bob", "prod", null, null,
                    "production", null, 2));

    @Test
    void contentRoundTripsExactly() throws IOException {
        CollectingVisitor visitor = new CollectingVisitor();
        SnapshotMetadata read = SnapshotReader.read(new ByteArrayInputStream(sample()), visitor);
        assertEquals(METADATA, read);
        assertEquals(METADATA, visitor.metadata);
        assertEquals(NAMESPACES, visitor.namespaces);
        assertEquals(ENTRIES, visitor.entries);
        assertEquals(AUDIT, visitor.auditEvents);
    }

    @Test
    void aVersionOneSnapshotReadsWithItsLastAppliedIndexAsLastRevision() throws Exception {
        byte[] file = jsonSnapshot(1, "{\"lastAppliedTerm\":3,\"lastAppliedIndex\":42,\"malformedEntries\":1,"
                + "\"namespaces\":[],\"entries\":[],\"audit\":[]}");
        SnapshotMetadata read = SnapshotReader.read(new ByteArrayInputStream(file), new CollectingVisitor());
        assertEquals(new SnapshotMetadata(3, 42, 1, 42), read);
    }

    @Test
    void aVersionTwoSnapshotReadsEveryRecord() throws Exception {
        byte[] file = jsonSnapshot(2, """
                {"lastAppliedTerm":3,"lastAppliedIndex":42,"malformedEntries":1,"lastRevision":45,
                 "namespaces":[{"path":"dev","description":null,"owner":"alice","createdAt":"2026-01-01T00:00:00Z"},
                               {"path":"prod","description":"production","owner":"bob","createdAt":"2026-01-02T00:00:00Z"}],
                 "entries":[{"namespace":"dev","key":"a","value":"1","type":"string","version":2,
                             "updatedAt":"2026-01-03T00:00:00Z","updatedBy":"alice","revision":40,"blob":null},
                            {"namespace":"prod","key":"big","value":null,"type":"blob","version":1,
                             "updatedAt":"2026-01-04T00:00:00Z","updatedBy":"bob","revision":41,
                             "blob":{"sha256":"%s","size":4294967296,"contentType":"application/octet-stream"}}],
                 "audit":[{"timestamp":"2026-01-04T00:00:00Z","action":"config.created","actor":"bob",
                           "namespace":"prod","key":"big","oldValue":null,"newValue":"sha256:%s","version":1,"revision":41},
                          {"timestamp":"2026-01-02T00:00:00Z","action":"namespace.created","actor":"bob",
                           "namespace":"prod","key":null,"oldValue":null,"newValue":"production","version":null,"revision":2}]}
                """.formatted(SHA, SHA));
        CollectingVisitor visitor = new CollectingVisitor();
        assertEquals(METADATA, SnapshotReader.read(new ByteArrayInputStream(file), visitor));
        assertEquals(NAMESPACES, visitor.namespaces);
        assertEquals(ENTRIES, visitor.entries);
        assertEquals(List.of(AUDIT.get(0), AUDIT.get(2)), visitor.auditEvents, "the blob reference recognised by its form");
        byte[] damaged = file.clone();
        damaged[40] ^= 0x01;
        assertThrows(DamagedSnapshotException.class,
                () -> SnapshotReader.read(new ByteArrayInputStream(damaged), new CollectingVisitor()));
    }

    @Test
    void aVersionTwoSnapshotTakesAuditValuesThatReadLikeReferencesForBlobsAsItsWritersDid() throws Exception {
        String event = "{\"timestamp\":\"t\",\"action\":\"config.updated\",\"actor\":\"a\",\"namespace\":\"dev\","
                + "\"key\":\"k\",\"oldValue\":\"sha256:" + SHA + "\",\"newValue\":\"x\",\"version\":2,\"revision\":7}";
        CollectingVisitor visitor = new CollectingVisitor();
        SnapshotReader.read(new ByteArrayInputStream(jsonSnapshot(2, "{\"lastAppliedTerm\":3,\"lastAppliedIndex\":42,"
                + "\"malformedEntries\":0,\"lastRevision\":42,\"namespaces\":[],\"entries\":[],\"audit\":[" + event
                + "]}")), visitor);
        assertEquals(List.of(new AuditEvent("t", AuditAction.CONFIG_UPDATED, "a", "dev", "k", "sha256:" + SHA, "x", 2L,
                7, SHA, null)), visitor.auditEvents);
    }


    /** A snapshot file of a JSON format version, as nodes before version 3 wrote it. */
    private static byte[] jsonSnapshot(int version, String json) throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(SnapshotFormat.MAGIC);
        file.write(ByteBuffer.allocate(4).putInt(version).array());
        ChunkedOutputStream body = new ChunkedOutputStream(file);
        body.write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.finish();
        file.write(MessageDigest.getInstance("SHA-256").digest(file.toByteArray()));
        return file.toByteArray();
    }

    @Test
    void trailerIsTheCrc32cOfEverythingBeforeIt() throws Exception {
        byte[] file = sample();
        byte[] body = Arrays.copyOf(file, file.length - SnapshotFormat.TRAILER_BYTES);
        CRC32C crc = new CRC32C();
        crc.update(body);
        assertEquals((int) crc.getValue(), ByteBuffer.wrap(file, body.length, SnapshotFormat.TRAILER_BYTES).getInt());
        assertEquals(SnapshotFormat.VERSION, ByteBuffer.wrap(file, SnapshotFormat.MAGIC.length, 4).getInt());
    }

    @Test
    void equalContentGivesEqualBytes() throws IOException {
        assertArrayEquals(sample(), sample());
    }

    @Test
    void aFlippedByteAnywhereIsRefused() throws IOException {
        byte[] file = sample();
        for (int position = 0; position < file.length; position++) {
            byte[] damaged = file.clone();
            damaged[position] ^= 0x5a;
            assertThrows(SnapshotException.class,
                    () -> SnapshotReader.read(new ByteArrayInputStream(damaged), new CollectingVisitor()),
                    "flipped byte at " + position);
        }
    }

    @Test
    void aFlippedByteInTheBodyReportsADigestMismatch() throws IOException {
        byte[] damaged = sample();
        damaged[damaged.length / 2] ^= 0x01;
        DamagedSnapshotException e = assertThrows(DamagedSnapshotException.class,
                () -> SnapshotReader.read(new ByteArrayInputStream(damaged), new CollectingVisitor()));
        assertEquals("snapshot digest mismatch: file is damaged", e.getMessage());
    }

    @Test
    void everyTruncationIsRefusedAsDamage() throws IOException {
        byte[] file = sample();
        for (int length = 0; length < file.length; length++) {
            byte[] truncated = Arrays.copyOf(file, length);
            DamagedSnapshotException e = assertThrows(DamagedSnapshotException.class,
                    () -> SnapshotReader.read(new ByteArrayInputStream(truncated), new CollectingVisitor()),
                    "truncated to " + length);
            assertTrue(e.getMessage().endsWith("file is damaged") || e.getMessage().contains("bad magic"),
                    e.getMessage());
        }
    }

    @Test
    void bytesAfterTheTrailerAreRefused() throws IOException {
        byte[] file = Arrays.copyOf(sample(), sample().length + 1);
        assertThrows(DamagedSnapshotException.class,
                () -> SnapshotReader.read(new ByteArrayInputStream(file), new CollectingVisitor()));
    }

    @Test
    void anUnknownVersionIsRefusedWithAClearMessage() throws IOException {
        byte[] file = sample();
        ByteBuffer.wrap(file).putInt(SnapshotFormat.MAGIC.length, 7);
        UnsupportedSnapshotVersionException e = assertThrows(UnsupportedSnapshotVersionException.class,
                () -> SnapshotReader.read(new ByteArrayInputStream(file), new CollectingVisitor()));
        assertEquals("snapshot format version 7 is not supported by this node (supports 1 to 3)", e.getMessage());
        assertEquals(7, e.version());
    }

    @Test
    void aVisitorRejectionSurfacesAsInvalidWhenTheDigestMatches() throws IOException {
        SnapshotVisitor rejecting = new CollectingVisitor() {
            @Override
            public void entry(ConfigEntry entry) {
                throw new IllegalStateException("unreachable");
            }

            @Override
            public void namespace(Namespace namespace) {
                // accept
            }
        };
        SnapshotVisitor invalid = new CollectingVisitor() {
            @Override
            public void namespace(Namespace namespace) {
                // accept
            }

            @Override
            public void auditEvent(AuditEvent event) throws InvalidSnapshotException {
                throw new InvalidSnapshotException("duplicate");
            }
        };
        assertThrows(IllegalStateException.class, () -> SnapshotReader.read(new ByteArrayInputStream(sample()), rejecting));
        InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class,
                () -> SnapshotReader.read(new ByteArrayInputStream(sample()), invalid));
        assertEquals("duplicate", e.getMessage());
    }

    @Test
    void aLargeSnapshotReachesTheStreamInBoundedFrames() throws IOException {
        List<ConfigEntry> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(new ConfigEntry("ns" + (i % 10), "key-" + i, "value-" + i, "string", 1,
                    "2026-01-01T00:00:00Z", "alice", i + 1, null));
        }
        RecordingStream out = new RecordingStream();
        SnapshotWriter.write(out, METADATA, NAMESPACES, many, AUDIT);
        assertTrue(out.total > 8 * SnapshotFormat.CHUNK_MAX_BYTES, "snapshot should span many frames: " + out.total);
        assertTrue(out.largestWrite <= SnapshotFormat.CHUNK_MAX_BYTES, "largest write " + out.largestWrite);
        assertTrue(out.writes > out.total / SnapshotFormat.CHUNK_MAX_BYTES, "writes " + out.writes);

        CollectingVisitor visitor = new CollectingVisitor();
        SnapshotReader.read(new ByteArrayInputStream(out.bytes.toByteArray()), visitor);
        assertEquals(many, visitor.entries);
    }

    private static byte[] sample() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotWriter.write(out, METADATA, NAMESPACES, ENTRIES, AUDIT);
        return out.toByteArray();
    }

    /** Records how the writer used the stream: number of writes, largest single write, total. */
    private static final class RecordingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;
        int largestWrite;
        long total;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            largestWrite = Math.max(largestWrite, len);
            total += len;
            bytes.write(b, off, len);
        }
    }
}
