package io.confman.raft.node;

import io.confman.raft.ratis.RatisClusterNode;
import java.io.IOException;
import java.util.Optional;

/** Starts cluster nodes. The only way in to the (unexported) Ratis adapter. */
public final class RaftNodes {
    private RaftNodes() {
    }

    /**
     * The largest log entry this node's Raft can replicate with {@code settings}: the smaller of
     * the append buffer limit ({@code raft.server.log.appender.buffer.byte-limit}) and the gRPC
     * message limit ({@code raft.grpc.message.size.max}), as configured. An entry above it could be
     * committed by no follower.
     */
    public static long largestEntryBytes(RaftSettings settings) {
        return RatisClusterNode.largestEntryBytes(settings);
    }

    /**
     * Starts this node's Raft server: recovers existing storage, or formats empty storage as a
     * voter of a new cluster or as a non-voter that catches up first ({@link
     * RaftSettings#initialState}); refuses ({@link StartupRefusedException}) when the settings are
     * invalid or the storage belongs to another group.
     */
    public static ClusterNode start(RaftSettings settings, ReplicatedStateMachine stateMachine) throws IOException {
        return start(settings, stateMachine, Optional.empty());
    }

    /** As {@link #start(RaftSettings, ReplicatedStateMachine)}, with mutual TLS on the Raft port when given. */
    public static ClusterNode start(RaftSettings settings, ReplicatedStateMachine stateMachine, Optional<RaftTls> tls)
            throws IOException {
        var problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new StartupRefusedException(String.join("; ", problems));
        }
        return RatisClusterNode.start(settings, stateMachine, tls);
    }
}
