package io.confman.raft.ratis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.confman.raft.node.NodeStatus;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a member whose storage was wiped back into the group.
 *
 * <p>A leader remembers how far each follower's log matched (Ratis keeps the next index above
 * that match index). A member that lost its storage answers "inconsistent" to every append, and
 * the leader never backs off below what it believes was matched: the member stays empty forever.
 * A new leader starts with no such belief. So a freshly formatted member that knows a leader, yet
 * still has an empty log after a grace period, asks the leader to hand leadership to another
 * member (or to step down when none can take it); the new leader then replays the log or installs
 * a snapshot. While snapshot chunks keep arriving the node is not empty-handed and waits (see
 * {@link Patience}).
 *
 * <p>It never asks the leader merely to step down, and it asks for no transfer while any other
 * voter is behind the leader's commit index (as the leader last reported it): the member taking
 * over must hold every committed entry, and an election among members that may lag is exactly
 * when a write could be lost. The node itself runs as a non-voter meanwhile (see {@link
 * CatchUpPromotion}), so it cannot help elect a lagging member either.
 *
 * <p>Runs once, on its own daemon thread, only on nodes that formatted their storage at start.
 */
final class RejoinWatchdog implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RejoinWatchdog.class);
    private static final Duration CHECK_EVERY = Duration.ofMillis(500);
    /** How long a known leader may leave our log empty before we conclude it believes we have it. */
    private static final Duration EMPTY_LOG_GRACE = Duration.ofSeconds(3);
    /**
     * After this, the node gives up watching (it has caught up, or the operator sees it stuck as a
     * non-voter in health). Long, because it waits for lagging members to catch up first.
     */
    private static final Duration WATCH_FOR = Duration.ofMinutes(30);

    private final RaftServer server;
    private final RaftGroupId groupId;
    private final RaftClient client;
    private final long requestTimeoutMillis;
    private boolean saidBehind;

    RejoinWatchdog(RaftServer server, RaftGroupId groupId, RaftClient client, long requestTimeoutMillis) {
        this.server = server;
        this.groupId = groupId;
        this.client = client;
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    static void startFor(RaftServer server, RaftGroupId groupId, RaftClient client, long requestTimeoutMillis) {
        Thread thread = new Thread(new RejoinWatchdog(server, groupId, client, requestTimeoutMillis),
                "confman-rejoin-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        long deadline = System.nanoTime() + WATCH_FOR.toNanos();
        Patience patience = new Patience(EMPTY_LOG_GRACE.toNanos());
        try {
            while (System.nanoTime() < deadline) {
                Thread.sleep(CHECK_EVERY.toMillis());
                var division = server.getDivision(groupId);
                RaftPeerId leader = division.getInfo().getLeaderId();
                boolean empty = division.getRaftLog().getNextIndex() == 0
                        && division.getStateMachine().getLatestSnapshot() == null;
                if (!empty) {
                    return;
                }
                boolean otherLeader = leader != null && !leader.equals(server.getId());
                long received = bytesUnder(division.getRaftStorage().getStorageDir().getTmpDir().toPath());
                if (patience.exhausted(System.nanoTime(), otherLeader, received)) {
                    askForNewLeader(division, leader);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.debug("rejoin watchdog stopped: {}", e.toString());
        }
    }

    /**
     * When an empty node has waited long enough: a leader other than itself is known and has sent
     * it nothing for the whole grace period. Snapshot chunks count as something: Ratis writes
     * them to the storage's temporary directory until the snapshot is complete, and a large one
     * takes longer than the grace period to arrive; asking for a new leader then would abort the
     * transfer and start it again from the next leader, over and over. Not thread-safe.
     */
    static final class Patience {
        private final long graceNanos;
        private long waitingSince = -1;
        private long receivedBytes;

        Patience(long graceNanos) {
            this.graceNanos = graceNanos;
        }

        /** One observation; true when it is time to ask for a new leader (and the wait starts over). */
        boolean exhausted(long nowNanos, boolean otherLeader, long snapshotBytesReceived) {
            boolean progress = snapshotBytesReceived != receivedBytes;
            receivedBytes = snapshotBytesReceived;
            if (!otherLeader || progress) {
                waitingSince = -1;
                return false;
            }
            if (waitingSince < 0) {
                waitingSince = nowNanos;
                return false;
            }
            if (nowNanos - waitingSince > graceNanos) {
                waitingSince = -1;
                return true;
            }
            return false;
        }
    }

    /** Bytes of the files under {@code dir} (0 when it does not exist): snapshot chunks received so far. */
    private static long bytesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException gone) {
                    return 0; // renamed into place meanwhile
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private void askForNewLeader(RaftServer.Division division, RaftPeerId leader) {
        // The leader sends this node nothing, not even commit indexes: ask the leader for its view.
        Map<String, Long> commits = new HashMap<>();
        try {
            client.getGroupManagementApi(leader).info(groupId).getCommitInfos()
                    .forEach(c -> commits.put(c.getServer().getId().toStringUtf8(), c.getCommitIndex()));
        } catch (IOException | RuntimeException e) {
            LOG.info("leader {} did not say how far the members are ({}); asking again later", leader, e.toString());
            return;
        }
        long leaderCommit = commits.getOrDefault(leader.toString(), -1L);
        List<RaftPeerId> others = division.getRaftConf().getAllPeers(RaftPeerRole.FOLLOWER).stream()
                .map(RaftPeer::getId).filter(id -> !id.equals(leader) && !id.equals(server.getId())).toList();
        List<RaftPeerId> behind = others.stream().filter(id -> leaderCommit < 0
                || commits.getOrDefault(id.toString(), -1L) < leaderCommit - NodeStatus.READY_LAG_ENTRIES).toList();
        if (!behind.isEmpty() || others.isEmpty()) {
            if (!saidBehind) {
                saidBehind = true;
                LOG.warn("this node's storage is empty but leader {} sends it nothing (it still believes this node"
                        + " holds its log); no leadership change while {}", leader, others.isEmpty()
                        ? "no other voter can take over" : behind + " lag behind the leader");
            }
            return;
        }
        LOG.warn("this node's storage is empty but leader {} sends it nothing: it still believes this node holds"
                + " its log (the storage was wiped); asking for a leadership change so that it is re-replicated",
                leader);
        for (RaftPeerId target : others) {
            try {
                if (RatisClusterNode.withDeadline(requestTimeoutMillis,
                        () -> client.admin().transferLeadership(target, requestTimeoutMillis)).isSuccess()) {
                    LOG.info("leadership moved from {} to {}; catching up", leader, target);
                    return;
                }
            } catch (IOException | RuntimeException e) {
                LOG.info("leadership transfer to {} failed: {}", target, e.toString());
            }
        }
    }
}
