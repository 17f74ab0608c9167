package io.confman.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.command.CommandCodec;
import io.confman.codec.snapshot.DamagedSnapshotException;
import io.confman.codec.snapshot.SnapshotException;
import io.confman.codec.snapshot.SnapshotFormat;
import io.confman.codec.snapshot.UnsupportedSnapshotVersionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Snapshots of the state machine: a round trip preserves the state hash and every query; the
 * restored machine keeps applying where the snapshot left off; a damaged, truncated or
 * unknown-version snapshot is refused with a clear message and leaves the current state untouched;
 * and a 10,000-entry snapshot is written and read through streams in bounded chunks.
 */
class SnapshotRestoreTest {

    @Test
    void roundTripPreservesTheStateHashAndQueries() throws IOException {
        Node source = populated(2_000);
        byte[] snapshot = snapshotOf(source.machine);
        ConfigStateMachine restored = new ConfigStateMachine(50);
        LogPosition position = restored.restore(new ByteArrayInputStream(snapshot));

        assertEquals(source.machine.lastApplied(), position);
        assertEquals(source.machine.stateHash(), restored.stateHash());
        assertEquals(source.machine.allConfigs(), restored.allConfigs());
        assertEquals(source.machine.namespaces(), restored.namespaces());
        assertEquals(source.machine.audit("prod", 50), restored.audit("prod", 50));
        assertEquals(source.machine.malformedEntryCount(), restored.malformedEntryCount());
        assertEquals(source.machine.referencedBlobHashes(), restored.referencedBlobHashes());
    }

    @Test
    void theStateHashIsTheSha256OfTheSnapshotFile() throws Exception {
        Node source = populated(100);
        byte[] snapshot = snapshotOf(source.machine);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(snapshot)),
                source.machine.stateHash());
    }

    @Test
    void aRestoredMachineContinuesLikeTheOriginal() throws IOException {
        Node original = populated(500);
        ConfigStateMachine copy = new ConfigStateMachine(50);
        copy.restore(new ByteArrayInputStream(snapshotOf(original.machine)));
        Node continued = new Node(copy);
        for (byte[] entry : ApplyFuzzTest.validEntries(300, 99)) {
            assertEquals(original.applyBytes(entry), continued.applyBytes(entry));
        }
        assertEquals(original.machine.stateHash(), copy.stateHash());
    }

    /**
     * A rejected command (a failed If-Match, a delete of an absent key) moves the applied index but
     * gives no revision, so a snapshot taken right after one holds a newest revision below its
     * applied index; such a snapshot is valid and must load (it once was refused as out of range,
     * which stopped a restarting node and a follower installing it).
     */
    @Test
    void aSnapshotTakenRightAfterARejectedCommandRestores() throws IOException {
        ConfigStateMachine machine = new ConfigStateMachine(50);
        machine.apply(new LogPosition(1, 1), CommandCodec.encode(new io.confman.codec.command.SetConfig("prod", "k", "v", "string",
                Node.ACTOR, Node.timestampFor(1), io.confman.codec.command.Preconditions.NONE)));
        ApplyResult rejected = machine.apply(new LogPosition(1, 2), CommandCodec.encode(
                new io.confman.codec.command.DeleteConfig("prod", "absent", Node.ACTOR, Node.timestampFor(2),
                        io.confman.codec.command.Preconditions.NONE)));
        assertTrue(rejected instanceof ApplyResult.Rejected, rejected.toString());
        ConfigStateMachine restored = new ConfigStateMachine(50);
        assertEquals(new LogPosition(1, 2), restored.restore(new ByteArrayInputStream(snapshotOf(machine))));
        assertEquals(machine.stateHash(), restored.stateHash());
        Node original = new Node(machine);
        Node continued = new Node(restored);
        for (byte[] entry : ApplyFuzzTest.validEntries(50, 7)) {
            assertEquals(original.applyBytes(entry), continued.applyBytes(entry));
        }
        assertEquals(machine.stateHash(), restored.stateHash());
    }

    @Test
    void aFlippedByteIsRefusedAndTheCurrentStateStays() throws IOException {
        byte[] damaged = snapshotOf(populated(300).machine);
        damaged[damaged.length / 2] ^= 0x10;
        Node current = populated(20);
        String before = current.machine.stateHash();
        DamagedSnapshotException e = assertThrows(DamagedSnapshotException.class,
                () -> current.machine.restore(new ByteArrayInputStream(damaged)));
        assertEquals("snapshot digest mismatch: file is damaged", e.getMessage());
        assertEquals(before, current.machine.stateHash());
    }

    @Test
    void aTruncatedSnapshotIsRefusedAndTheCurrentStateStays() throws IOException {
        byte[] snapshot = snapshotOf(populated(300).machine);
        Node current = populated(20);
        String before = current.machine.stateHash();
        for (int length : List.of(0, 5, 12, 100, snapshot.length / 2, snapshot.length - 1)) {
            byte[] truncated = Arrays.copyOf(snapshot, length);
            SnapshotException e = assertThrows(SnapshotException.class,
                    () -> current.machine.restore(new ByteArrayInputStream(truncated)));
            assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        }
        assertEquals(before, current.machine.stateHash());
    }

    @Test
    void anUnknownVersionIsRefusedWithAClearMessage() throws IOException {
        byte[] snapshot = snapshotOf(populated(10).machine);
        ByteBuffer.wrap(snapshot).putInt(8, 7);
        ConfigStateMachine machine = new ConfigStateMachine();
        UnsupportedSnapshotVersionException e = assertThrows(UnsupportedSnapshotVersionException.class,
                () -> machine.restore(new ByteArrayInputStream(snapshot)));
        assertEquals("snapshot format version 7 is not supported by this node (supports 1 to 3)", e.getMessage());
        assertEquals(LogPosition.INITIAL, machine.lastApplied());
    }

    @Test
    void tenThousandEntriesAreWrittenAndReadThroughStreamsInChunks() throws IOException {
        Node node = new Node();
        for (int i = 0; i < 10_000; i++) {
            node.setConfig("ns" + (i % 20), "key-" + i, "value-" + i);
        }
        CountingOutputStream out = new CountingOutputStream();
        node.machine.captureSnapshot().writeTo(out);
        assertTrue(out.writes > 10, "writes: " + out.writes);
        assertTrue(out.largestWrite <= SnapshotFormat.CHUNK_MAX_BYTES, "largest write: " + out.largestWrite);
        assertTrue(out.bytes.size() > 10 * SnapshotFormat.CHUNK_MAX_BYTES, "size: " + out.bytes.size());

        CountingInputStream in = new CountingInputStream(out.bytes.toByteArray());
        ConfigStateMachine restored = new ConfigStateMachine();
        restored.restore(in);
        assertTrue(in.largestRead <= SnapshotFormat.CHUNK_MAX_BYTES, "largest read: " + in.largestRead);
        assertEquals(10_000, restored.allConfigs().size());
        assertEquals(node.machine.stateHash(), restored.stateHash());
    }

    @Test
    void differentStatesHaveDifferentHashes() {
        Node a = populated(50);
        Node b = populated(50);
        assertEquals(a.machine.stateHash(), b.machine.stateHash());
        b.setConfig("prod", "extra", "1");
        a.setConfig("prod", "extra", "2");
        assertNotEquals(a.machine.stateHash(), b.machine.stateHash());
    }

    /** A machine with {@code commands} seeded valid commands plus one malformed entry. */
    static Node populated(int commands) {
        Node node = new Node(new ConfigStateMachine(50));
        node.setNamespace("prod", "Production", null);
        node.setBlob("prod", "big", Node.sha(3), 1234);
        node.applyBytes(new byte[] {1, 2, 3});
        for (byte[] entry : ApplyFuzzTest.validEntries(commands, 42)) {
            node.applyBytes(entry);
        }
        return node;
    }

    static byte[] snapshotOf(ConfigStateMachine machine) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        machine.captureSnapshot().writeTo(out);
        return out.toByteArray();
    }

    /** Records how many writes reached it and the largest one. */
    private static final class CountingOutputStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;
        int largestWrite;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            largestWrite = Math.max(largestWrite, len);
            bytes.write(b, off, len);
        }
    }

    /** Records the largest single read served. */
    private static final class CountingInputStream extends InputStream {
        private final ByteArrayInputStream source;
        int largestRead;

        CountingInputStream(byte[] bytes) {
            this.source = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return source.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = source.read(b, off, len);
            largestRead = Math.max(largestRead, n);
            return n;
        }
    }

    @Test
    void aResetRemembersHowFarItHadAppliedSoStaleReadsCanWaitForTheReplay() {
        Node node = new Node();
        for (int i = 0; i < 5; i++) {
            node.setConfig("ns", "k" + i, "v" + i);
        }
        assertEquals(-1, node.machine.appliedBeforeReset());
        assertEquals(5, node.machine.lastApplied().index());

        node.machine.reset();

        assertEquals(5, node.machine.appliedBeforeReset());
        assertEquals(LogPosition.INITIAL, node.machine.lastApplied());
        node.machine.reset();
        assertEquals(5, node.machine.appliedBeforeReset(), "a second reset does not lower the mark");
    }
}
