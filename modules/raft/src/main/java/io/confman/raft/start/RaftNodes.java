package io.confman.raft.start;

import io.confman.raft.ConfigStateMachine;
import io.confman.raft.node.ClusterNode;
import io.confman.raft.node.RaftSettings;
import io.confman.raft.node.StartupRefusedException;
import io.confman.raft.ratis.RatisNodes;
import io.confman.raft.node.RaftTls;
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
        return RatisNodes.largestEntryBytes(settings);
    }

    /** As {@link #start(RaftSettings, ConfigStateMachine, Optional)}, without TLS. */
    public static ClusterNode start(RaftSettings settings, ConfigStateMachine state) throws IOException {
        return start(settings, state, Optional.empty());
    }

    /**
     * Starts this node's Raft server, which applies the committed log to {@code state}: recovers
     * existing storage, or formats empty storage as a voter of a new cluster or as a non-voter
     * that catches up first ({@link RaftSettings#initialState}); refuses ({@link
     * StartupRefusedException}) when the settings are invalid or the storage belongs to another
     * group. With {@code tls}, the Raft port speaks mutual TLS.
     */
    public static ClusterNode start(RaftSettings settings, ConfigStateMachine state, Optional<RaftTls> tls)
            throws IOException {
        var problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new StartupRefusedException(String.join("; ", problems));
        }
        return RatisNodes.start(settings, state, tls);
    }
}
