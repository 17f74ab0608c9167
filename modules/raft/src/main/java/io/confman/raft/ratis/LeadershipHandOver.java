package io.confman.raft.ratis;

import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A leader that stops hands its leadership to the most caught-up other voter first, as etcd does
 * on a graceful stop: writes then wait for one transfer instead of an election timeout (the time
 * the others need to notice that the leader is gone). Bounded; when the transfer does not happen
 * in time, the others elect a leader as after a crash.
 */
final class LeadershipHandOver {
    private static final Logger LOG = LoggerFactory.getLogger(LeadershipHandOver.class);

    private LeadershipHandOver() {
    }

    static void ifLeader(RaftServer.Division division, RaftClient client, long timeoutMillis) {
        if (!division.getInfo().isLeader()) {
            return;
        }
        RaftPeerId self = division.getId();
        Set<RaftPeerId> voters = division.getRaftConf().getCurrentPeers().stream().map(RaftPeer::getId)
                .filter(id -> !id.equals(self)).collect(Collectors.toSet());
        var target = division.getCommitInfos().stream()
                .filter(c -> voters.contains(RaftPeerId.valueOf(c.getServer().getId())))
                .max(Comparator.comparingLong(CommitInfoProto::getCommitIndex))
                .map(c -> RaftPeerId.valueOf(c.getServer().getId()));
        if (target.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        try {
            boolean moved = RatisClusterNode.withDeadline(timeoutMillis,
                    () -> client.admin().transferLeadership(target.get(), timeoutMillis)).isSuccess();
            LOG.info("leadership {} {} before stopping ({} ms)", moved ? "handed to" : "not taken by", target.get(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.info("leadership not handed to {} before stopping ({}); the others elect a leader", target.get(),
                    e.toString());
        }
    }
}
