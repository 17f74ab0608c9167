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
import org.junit.jupiter.api.Test;

/**
 * The snapshot file format: content round-trips exactly; the digest trailer equals the SHA-256 of
 * the bytes before it; a flipped byte anywhere, any truncation, an unknown version or trailing
 * bytes are refused with a typed exception and an operator-readable message; and a large snapshot
 * reaches the output stream in bounded frames rather than as one array.
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
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(SnapshotFormat.MAGIC);
        file.write(ByteBuffer.allocate(4).putInt(1).array());
        ChunkedOutputStream body = new ChunkedOutputStream(file);
        body.write(("{\"lastAppliedTerm\":3,\"lastAppliedIndex\":42,\"malformedEntries\":1,"
                + "\"namespaces\":[],\"entries\":[],\"audit\":[]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.finish();
        file.write(MessageDigest.getInstance("SHA-256").digest(file.toByteArray()));
        SnapshotMetadata read = SnapshotReader.read(new ByteArrayInputStream(file.toByteArray()), new CollectingVisitor());
        assertEquals(new SnapshotMetadata(3, 42, 1, 42), read);
    }

    @Test
    void aVersionTwoSnapshotTakesAuditValuesThatReadLikeReferencesForBlobsAsItsWritersDid() throws Exception {
        String event = "{\"timestamp\":\"t\",\"action\":\"config.updated\",\"actor\":\"a\",\"namespace\":\"dev\","
                + "\"key\":\"k\",\"oldValue\":\"sha256:" + SHA + "\",\"newValue\":\"x\",\"version\":2,\"revision\":7}";
        CollectingVisitor visitor = new CollectingVisitor();
        SnapshotReader.read(new ByteArrayInputStream(versionTwo("{\"lastAppliedTerm\":3,\"lastAppliedIndex\":42,"
                + "\"malformedEntries\":0,\"lastRevision\":42,\"namespaces\":[],\"entries\":[],\"audit\":[" + event
                + "]}")), visitor);
        assertEquals(List.of(new AuditEvent("t", AuditAction.CONFIG_UPDATED, "a", "dev", "k", "sha256:" + SHA, "x", 2L,
                7, SHA, null)), visitor.auditEvents);
    }

    private static byte[] versionTwo(String body) throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(SnapshotFormat.MAGIC);
        file.write(ByteBuffer.allocate(4).putInt(2).array());
        ChunkedOutputStream chunks = new ChunkedOutputStream(file);
        chunks.write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        chunks.finish();
        file.write(MessageDigest.getInstance("SHA-256").digest(file.toByteArray()));
        return file.toByteArray();
    }

    @Test
    void trailerIsTheSha256OfEverythingBeforeIt() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] returned = SnapshotWriter.write(out, METADATA, NAMESPACES, ENTRIES, AUDIT);
        byte[] file = out.toByteArray();
        byte[] body = Arrays.copyOf(file, file.length - SnapshotFormat.DIGEST_BYTES);
        byte[] trailer = Arrays.copyOfRange(file, body.length, file.length);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(body), trailer);
        assertArrayEquals(trailer, returned);
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
