package io.confman.launcher;

import io.confman.raft.node.ReplicatedStateMachine;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** Chooses the state machine a node replicates. */
final class StateMachines {
    private StateMachines() {
    }

    static ReplicatedStateMachine create(NodeSettings settings) {
        return new EntryCounter();
    }

    /** Counts applied entries; replaced by the configuration state machine. */
    private static final class EntryCounter implements ReplicatedStateMachine {
        private long applied;

        @Override
        public byte[] apply(long index, ByteBuffer entry) {
            applied++;
            return ByteBuffer.allocate(Long.BYTES).putLong(applied).array();
        }

        @Override
        public void writeSnapshot(OutputStream out) throws IOException {
            new DataOutputStream(out).writeLong(applied);
        }

        @Override
        public void restoreSnapshot(InputStream in) throws IOException {
            applied = new DataInputStream(in).readLong();
        }

        @Override
        public void reset() {
            applied = 0;
        }
    }
}
