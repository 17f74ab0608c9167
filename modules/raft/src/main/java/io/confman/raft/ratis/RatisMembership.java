package io.confman.raft.ratis;

import io.confman.raft.node.ClusterMember;
import io.confman.raft.node.Member;
import io.confman.raft.node.MembershipChangeRefused;
import io.confman.raft.node.RaftSettings;
import io.confman.raft.node.RaftUnavailableException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's part in run-time membership: the members as its copy of the Raft configuration lists
 * them, configuration changes sent to the leader, and the reopening of its Raft division when
 * {@link CatchUpPromotion} makes it a voter. Thread-safe.
 */
final class RatisMembership {
    private static final Logger LOG = LoggerFactory.getLogger(RatisMembership.class);
    /** Set while the division is closed and opened again on purpose: not a failure of the server. */
    private final AtomicBoolean reopening = new AtomicBoolean();
    /** Membership changes block on the Raft client: one virtual thread each. */
    private static final Executor CHANGES = Executors.newVirtualThreadPerTaskExecutor();

    private final RaftSettings settings;
    private final RaftGroup group;
    private final RaftServer server;
    private final RaftClient client;
    private final ClientId localClientId = ClientId.randomId();
    private final AtomicLong localCallIds = new AtomicLong();

    RatisMembership(RaftSettings settings, RaftGroup group, RaftServer server, RaftClient client) {
        this.settings = settings;
        this.group = group;
        this.server = server;
        this.client = client;
    }

    /** See {@link io.confman.raft.node.ClusterNode#members}; the static list while the division is closed. */
    List<ClusterMember> members() {
        try {
            var division = server.getDivision(group.getGroupId());
            List<ClusterMember> members = RaftMembers.of(division.getRaftConf(), settings.members());
            // A voter in the configuration that still catches up as a listener does not vote yet.
            return division.getInfo().isListener() ? members.stream().map(m -> m.id().equals(settings.nodeId())
                    ? new ClusterMember(m.member(), false) : m).toList() : members;
        } catch (IOException e) {
            return settings.members().stream().map(m -> new ClusterMember(m, true)).toList();
        }
    }

    /**
     * Sends a configuration change computed from this node's view of the configuration to the
     * leader, on a thread of its own, retried while leaders change for {@code raft.requestTimeoutMillis}.
     */
    CompletableFuture<List<ClusterMember>> change(String what,
                                                  Function<RaftConfiguration, SetConfigurationRequest.Arguments> change) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                var arguments = change.apply(server.getDivision(group.getGroupId()).getRaftConf());
                RaftClientReply reply = RatisClusterNode.withDeadline(settings.requestTimeoutMillis(),
                        () -> client.admin().setConfiguration(arguments));
                if (!reply.isSuccess()) {
                    throw new MembershipChangeRefused(MembershipChangeRefused.Reason.NOT_NOW,
                            "the group did not take the change (" + RatisClusterNode.rootMessage(reply.getException())
                                    + "); look at GET /api/v1/cluster/members and try again");
                }
                LOG.info("membership change committed: {}", what);
                return members();
            } catch (IOException e) {
                throw new RaftUnavailableException.Timeout("the membership change (" + what + ") was not confirmed: "
                        + RatisClusterNode.rootMessage(e), e);
            }
        }, CHANGES);
    }

    /** Logs one line when the configured member list differs from the Raft configuration. */
    void reportConfiguredMembersThatDiffer() {
        List<String> configured = settings.members().stream().map(Member::id).sorted().toList();
        List<String> raft = members().stream().map(ClusterMember::id).sorted().toList();
        if (!configured.equals(raft)) {
            LOG.warn("cluster.members in this node's configuration {} differs from the Raft configuration {}: the"
                    + " Raft configuration is the truth (members change with `ctl member add|remove`); update the"
                    + " file to match", configured, raft);
        }
    }

    CatchUpPromotion.Node promotionTarget() {
        return new CatchUpPromotion.Node() {
            @Override
            public RaftServer.Division division() throws IOException {
                return server.getDivision(group.getGroupId());
            }

            @Override
            public RaftClientReply setConfiguration(SetConfigurationRequest.Arguments arguments) throws IOException {
                return RatisClusterNode.withDeadline(settings.requestTimeoutMillis(),
                        () -> client.admin().setConfiguration(arguments));
            }

            @Override
            public void reopen() throws IOException {
                reopenDivision();
            }
        };
    }

    /**
     * Closes this node's Raft division, keeping its storage, and opens it again from that storage
     * with a new state machine adapter (the state machine is reset and rebuilt from the snapshot and
     * log, its watchers told the state was replaced). The server's ports stay open throughout.
     */
    private void reopenDivision() throws IOException {
        reopening.set(true);
        try {
            closeAndOpenDivision();
        } finally {
            reopening.set(false);
        }
    }

    /** Whether the division is being closed and opened again on purpose (see {@link #reopenDivision}). */
    boolean reopening() {
        return reopening.get();
    }

    private void closeAndOpenDivision() throws IOException {
        RaftGroupId groupId = group.getGroupId();
        RaftClientReply removed = server.groupManagement(GroupManagementRequest.newRemove(localClientId, server.getId(),
                localCallIds.incrementAndGet(), groupId, false, false));
        if (!removed.isSuccess()) {
            throw new IOException("closing the Raft division failed: " + removed.getException());
        }
        RaftClientReply added = server.groupManagement(GroupManagementRequest.newAdd(localClientId, server.getId(),
                localCallIds.incrementAndGet(), group, false));
        if (!added.isSuccess()) {
            throw new IOException("reopening the Raft division failed: " + added.getException());
        }
    }
}
