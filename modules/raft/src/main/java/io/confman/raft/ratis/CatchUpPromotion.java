package io.confman.raft.ratis;

import io.confman.raft.node.NodeStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a node that joined as a non-voter (a Ratis listener) a voter once it has caught up.
 *
 * <p>A node that started with empty storage into a running group (a new member, or one whose disk
 * was wiped) may have acknowledged entries in an earlier life that it no longer holds; were it to
 * vote, a lagging member could win its vote and lead without them. So it starts as a listener,
 * which never votes nor campaigns, and this loop waits until it has applied everything the leader
 * had committed when the node first heard from it (which covers every entry committed before the
 * node started). Then, when the Raft configuration lists it as a non-voter, it asks the leader to
 * promote it; when the configuration lists it as a voter (a wiped member, or after the
 * promotion), it removes its catch-up marker and reopens its Raft division from its own storage,
 * which Ratis starts as a follower.
 *
 * <p>Why a reopen: in Ratis 3.2.0 a running listener keeps its role when a configuration entry
 * makes it a voter; only a division that starts with such a configuration is a follower. (Ratis
 * 3.2.2 changes that, RATIS-2378: there a listener turns follower as soon as any configuration
 * entry lists it as a voter, also an old one replayed while catching up; an upgrade must keep the
 * wiped member out of the voters until it has caught up, e.g. by removing and re-adding it.)
 *
 * <p>Runs on its own daemon thread until the node votes or {@link #stop} is called.
 */
final class CatchUpPromotion implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(CatchUpPromotion.class);
    private static final Duration CHECK_EVERY = Duration.ofMillis(500);
    /** Marks storage formatted by a non-voter that has not caught up yet (see {@link RatisNodes#start}). */
    static final String MARKER_FILE = "confman-catching-up";

    /** What the loop needs of its node. */
    interface Node {
        RaftServer.Division division() throws IOException;

        RaftClientReply setConfiguration(SetConfigurationRequest.Arguments arguments) throws IOException;

        /** Closes the Raft division and opens it again from its storage. */
        void reopen() throws IOException;
    }

    private final Node node;
    private final RaftPeerId self;
    private final Path marker;
    private volatile boolean stopped;
    private long firstLeaderCommit = NodeStatus.UNKNOWN_INDEX;
    private boolean saidNotMember;

    CatchUpPromotion(Node node, RaftPeerId self, Path marker) {
        this.node = node;
        this.self = self;
        this.marker = marker;
    }

    static CatchUpPromotion startFor(Node node, RaftPeerId self, Path marker) {
        CatchUpPromotion promotion = new CatchUpPromotion(node, self, marker);
        Thread thread = new Thread(promotion, "confman-catch-up-promotion");
        thread.setDaemon(true);
        thread.start();
        return promotion;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                Thread.sleep(CHECK_EVERY.toMillis());
                if (!stopped && step()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One look; true when this node votes and the loop is done. */
    private boolean step() {
        try {
            RaftServer.Division division = node.division();
            var info = division.getInfo();
            if (!info.isListener()) {
                return true;
            }
            RaftPeerId leader = info.getLeaderId();
            long leaderCommit = RatisClusterNode.leaderCommitIndex(division, leader);
            if (leader == null || leader.equals(self) || leaderCommit == NodeStatus.UNKNOWN_INDEX) {
                return false;
            }
            if (firstLeaderCommit == NodeStatus.UNKNOWN_INDEX) {
                firstLeaderCommit = leaderCommit;
                LOG.info("joined as a non-voting member; votes once it has applied index {} (leader {})",
                        leaderCommit, leader);
            }
            long needed = Math.max(firstLeaderCommit, leaderCommit - NodeStatus.READY_LAG_ENTRIES);
            if (info.getLastAppliedIndex() < needed) {
                return false;
            }
            return promote(division);
        } catch (IOException | RuntimeException e) {
            LOG.info("catch-up check failed, trying again: {}", e.toString());
            return false;
        }
    }

    private boolean promote(RaftServer.Division division) throws IOException {
        RaftConfiguration conf = division.getRaftConf();
        boolean stable = conf.getPreviousPeers(RaftPeerRole.FOLLOWER).isEmpty()
                && conf.getPreviousPeers(RaftPeerRole.LISTENER).isEmpty();
        boolean committed = conf.getLogEntryIndex() <= division.getRaftLog().getLastCommittedIndex();
        if (conf.getPeer(self, RaftPeerRole.FOLLOWER) != null && stable && committed) {
            Files.deleteIfExists(marker);
            node.reopen();
            LOG.info("caught up (applied index {}): voting member from now on", division.getInfo().getLastAppliedIndex());
            return true;
        }
        if (conf.getPeer(self, RaftPeerRole.LISTENER) != null && stable && committed) {
            RaftClientReply reply = node.setConfiguration(RaftMembers.promote(conf, self.toString()));
            LOG.info("caught up; asked the leader to make this node a voter: {}", reply.isSuccess() ? "done"
                    : String.valueOf(reply.getException()));
            return false;
        }
        if (!saidNotMember && conf.getPeer(self, RaftPeerRole.FOLLOWER, RaftPeerRole.LISTENER) == null) {
            saidNotMember = true;
            LOG.warn("caught up, but the Raft configuration does not list this node: add it with"
                    + " `confman-node ctl member add` (POST /api/v1/cluster/members)");
        }
        return false;
    }
}
