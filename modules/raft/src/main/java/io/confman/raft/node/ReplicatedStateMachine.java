package io.confman.raft.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The deterministic state machine the Raft adapter drives.
 *
 * <p>Threading: every method is called from the single Raft apply thread, never concurrently
 * with another method of this interface. Queries by other threads are the implementation's
 * business (it must publish consistent views to them).
 *
 * <p>Failure: {@link #apply} never throws for any input bytes; a malformed entry is skipped the
 * same way on every node. Snapshot methods may throw {@link IOException}; a failed restore leaves
 * the previous state in place.
 */
public interface ReplicatedStateMachine {

    /**
     * Applies the committed entry at {@code index} (written in {@code term}) and returns what is
     * answered to the node that proposed it.
     */
    Answer apply(long term, long index, ByteBuffer entry);

    /**
     * What applying an entry answers its proposer. A proposer on the same node receives this very
     * object; {@link #encode} is called only when the answer must cross the network (a forwarded
     * proposal), and never on a node that no proposer waits on.
     */
    @FunctionalInterface
    interface Answer {
        byte[] encode();

        /** An answer that arrived over the network, as its bytes. */
        static Answer encoded(byte[] bytes) {
            return () -> bytes;
        }
    }

    /**
     * Freezes the whole state for a snapshot, cheaply (apply is paused meanwhile); the returned
     * writer streams that frozen state later, on another thread, while apply goes on.
     */
    SnapshotWriter captureSnapshot();

    /** Streams a frozen state in the snapshot format to a stream the caller buffers, syncs and closes. */
    @FunctionalInterface
    interface SnapshotWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces the whole state with the one read from {@code in}, verifying it first. */
    void restoreSnapshot(InputStream in) throws IOException;

    /** Clears the state (a node formatting empty storage, or before replaying a log from zero). */
    void reset();
}
