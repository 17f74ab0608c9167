package io.confman.raft.store;

import io.confman.codec.command.Command;
import io.confman.codec.command.CommandCodec;
import io.confman.raft.ApplyResult;
import io.confman.raft.ConfigQueries;
import io.confman.raft.ConfigStateMachine;
import io.confman.raft.LogPosition;
import io.confman.raft.node.ClusterNode;
import io.confman.raft.node.ReplicatedStateMachine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * The configuration store of one node: proposes commands through Raft and serves reads from the
 * local {@link ConfigStateMachine}.
 *
 * <p>Thread-safe. Futures complete on Raft threads; failures are the {@link
 * io.confman.raft.node.RaftUnavailableException}s of {@link ClusterNode}.
 */
public final class ReplicatedConfigStore {
    private final ClusterNode node;
    private final ConfigStateMachine state;

    public ReplicatedConfigStore(ClusterNode node, ConfigStateMachine state) {
        this.node = node;
        this.state = state;
    }

    /** The Raft-facing view of {@code state}: applies entries and answers with encoded results. */
    public static ReplicatedStateMachine replicated(ConfigStateMachine state) {
        return new ReplicatedStateMachine() {
            @Override
            public byte[] apply(long term, long index, ByteBuffer entry) {
                return ReplyCodec.encode(state.apply(new LogPosition(term, index), entry));
            }

            @Override
            public SnapshotWriter captureSnapshot() {
                ConfigStateMachine.SnapshotCapture capture = state.captureSnapshot();
                return out -> capture.writer().write(out);
            }

            @Override
            public void restoreSnapshot(InputStream in) throws IOException {
                state.restore(in);
            }

            @Override
            public void reset() {
                state.reset();
            }
        };
    }

    public ClusterNode node() {
        return node;
    }

    /** Proposes {@code command}; completes with the leader's result once it is committed. */
    public CompletableFuture<ApplyResult> submit(Command command) {
        return node.propose(CommandCodec.encode(command)).thenApply(ReplyCodec::decode);
    }

    /** Completes with the local state once it reflects every write committed before the call. */
    public CompletableFuture<ConfigQueries> linearizable() {
        return node.readBarrier().thenApply(ignored -> state);
    }

    /** The local state as it is now; may lag behind the leader. */
    public ConfigQueries stale() {
        return state;
    }
}
