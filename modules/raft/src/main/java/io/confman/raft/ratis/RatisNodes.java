package io.confman.raft.ratis;

import io.confman.raft.ConfigStateMachine;
import io.confman.raft.node.ClusterNode;
import io.confman.raft.node.DurationHistogram;
import io.confman.raft.node.Member;
import io.confman.raft.node.RaftSettings;
import io.confman.raft.node.RaftTls;
import io.confman.raft.node.StartupRefusedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a {@link RatisClusterNode}: decides from the storage directory whether to recover or to
 * format, builds the Ratis server around a {@link StateMachineAdapter} of the node's state machine,
 * and starts the client, the rejoin watchdog and the catch-up promotion. The public entry of this
 * unexported package (see {@code io.confman.raft.start.RaftNodes}).
 */
public final class RatisNodes {
    private static final Logger LOG = LoggerFactory.getLogger(RatisNodes.class);

    private RatisNodes() {
    }

    /** See {@code RaftNodes.largestEntryBytes}. */
    public static long largestEntryBytes(RaftSettings settings) {
        return RatisProperties.largestEntryBytes(settings);
    }

    /**
     * Recovers existing storage, or formats empty storage: as a voter of the static member list
     * when this is the first start of a brand-new cluster ({@code cluster.initialState: new}, or a
     * single member), otherwise as a non-voter that {@link CatchUpPromotion} makes a voter once it
     * has caught up. Then starts serving, applying the committed log to {@code state}.
     */
    public static ClusterNode start(RaftSettings settings, ConfigStateMachine state, Optional<RaftTls> tls)
            throws IOException {
        RaftGroupId groupId = RaftGroupId.valueOf(settings.groupId());
        Path marker = settings.storageDir().resolve(CatchUpPromotion.MARKER_FILE);
        boolean formatted = Files.isDirectory(settings.storageDir().resolve(settings.groupId().toString()));
        if (formatted && Files.exists(marker)) {
            LOG.warn("node {} stopped while it caught up as a non-voter: it discards its partial copy and catches"
                    + " up again", settings.nodeId());
            MembershipRecord.deleteTree(settings.storageDir().resolve(settings.groupId().toString()));
            formatted = false;
        }
        boolean voter = formatted || settings.initialState() == RaftSettings.InitialState.NEW
                || settings.members().size() == 1;
        if (formatted) {
            MembershipRecord.verify(settings);
        } else {
            MembershipRecord.record(settings);
            if (!voter) {
                Files.writeString(marker, "formatted as a non-voter; removed once caught up\n");
            }
        }
        List<RaftPeer> peers = settings.members().stream().map(m -> RaftMembers.peer(m,
                voter || !m.id().equals(settings.nodeId()) ? RaftPeerRole.FOLLOWER : RaftPeerRole.LISTENER)).toList();
        RaftGroup group = RaftGroup.valueOf(groupId, peers);
        int memberOrdinal = settings.members().stream().map(Member::id).sorted().toList().indexOf(settings.nodeId());
        AtomicReference<StateMachineAdapter> adapter = new AtomicReference<>();
        RaftPeerId self = RaftPeerId.valueOf(settings.nodeId());
        DurationHistogram walFsync = LogSyncDurations.forMember(RaftGroupMemberId.valueOf(self, groupId));
        RaftServer server = RaftServer.newBuilder()
                .setServerId(self)
                .setGroup(group)
                // A new adapter each time the division opens (see RatisMembership); the state is the same.
                .setStateMachineRegistry(gid -> {
                    var next = new StateMachineAdapter(state, settings.snapshotBudgetMillis(),
                            Math.max(0, memberOrdinal));
                    adapter.set(next);
                    return next;
                })
                .setProperties(RatisProperties.server(settings))
                .setParameters(RatisProperties.parameters(tls))
                .setOption(formatted ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            closeQuietly(server);
            throw new StartupRefusedException("Raft server could not start on " + settings.self().raftAddress()
                    + " with storage " + settings.storageDir() + ": " + RatisClusterNode.rootMessage(e), e);
        }
        RaftClient client = RaftClient.newBuilder()
                .setProperties(RatisProperties.client(settings))
                .setParameters(RatisProperties.parameters(tls))
                .setRaftGroup(group)
                .setRetryPolicy(RatisClusterNode.FORWARD_RETRIES)
                .build();
        RatisClusterNode node = new RatisClusterNode(settings, group, server, client, RatisProperties.parameters(tls),
                adapter, walFsync);
        if (!formatted) {
            RejoinWatchdog.startFor(server, groupId, client, settings.requestTimeoutMillis());
        }
        if (!voter) {
            node.promotion = CatchUpPromotion.startFor(node.membership.promotionTarget(), server.getId(), marker);
        }
        LOG.info("node {} {} Raft storage {} (group {}, members {})", settings.nodeId(),
                formatted ? "recovered" : voter ? "formatted as a voter of a new cluster" : "formatted as a non-voter",
                settings.storageDir(), settings.groupId(), settings.members().stream().map(Member::id).toList());
        node.membership.reportConfiguredMembersThatDiffer();
        return node;
    }

    private static void closeQuietly(RaftServer server) {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing a Raft server that failed to start: {}", e.toString());
        }
    }
}
