package io.confman.monitor.logic;

import io.confman.codec.wire.ClusterView;
import io.confman.codec.wire.HealthReport;
import io.confman.codec.wire.MemberView;
import io.confman.monitor.client.NodePoll;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one poll round into an {@link Assessment}.
 *
 * <ul>
 *   <li>HEALTHY: every configured node answered {@code ready} and exactly one says it is leader.</li>
 *   <li>DEGRADED: a leader is known and at least a quorum of the members answered.</li>
 *   <li>NO QUORUM: anything else.</li>
 * </ul>
 * The leader is the answering node with role {@code leader} and the highest term; when it did
 * not answer itself, the leader URL that most answering nodes report (matched to a member id).
 */
public final class StatusRules {

    private StatusRules() {
    }

    /** Assesses a round in which {@code polls} holds one entry per configured node. */
    public static Assessment assess(List<NodePoll> polls) {
        List<HealthReport> reports = polls.stream().filter(NodePoll::reachable).map(NodePoll::report).toList();
        int clusterSize = Math.max(polls.size(),
                reports.stream().mapToInt(r -> r.cluster().members().size()).max().orElse(0));
        long term = reports.stream().mapToLong(r -> r.cluster().term()).max().orElse(0);
        List<ClusterView> leaders = reports.stream().map(HealthReport::cluster)
                .filter(c -> ClusterView.LEADER.equals(c.role())).toList();
        ClusterView leader = leaders.stream()
                .max((a, b) -> Long.compare(a.term(), b.term())).orElse(null);
        String leaderId = leader != null ? leader.nodeId() : leaderNamedByFollowers(reports);
        long leaderCommit = leader != null ? leader.commitIndex()
                : reports.stream().mapToLong(r -> r.cluster().commitIndex()).max().orElse(-1);

        boolean allReady = reports.size() == polls.size() && reports.stream().allMatch(HealthReport::ready);
        ClusterStatus status;
        if (!polls.isEmpty() && allReady && leaders.size() == 1 && clusterSize == polls.size()) {
            status = ClusterStatus.HEALTHY;
        } else if (leaderId != null && reports.size() >= clusterSize / 2 + 1) {
            status = ClusterStatus.DEGRADED;
        } else {
            status = ClusterStatus.NO_QUORUM;
        }
        return new Assessment(status, leaderId, term, leaderCommit, reports.size(), clusterSize);
    }

    private static String leaderNamedByFollowers(List<HealthReport> reports) {
        Map<String, Integer> votes = new HashMap<>();
        Map<String, String> idByUrl = new HashMap<>();
        for (HealthReport report : reports) {
            ClusterView cluster = report.cluster();
            for (MemberView member : cluster.members()) {
                idByUrl.put(normalize(member.url()), member.id());
            }
            if (cluster.leaderKnown() && cluster.leader() != null) {
                votes.merge(normalize(cluster.leader()), 1, Integer::sum);
            }
        }
        return votes.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(e -> Objects.requireNonNullElse(idByUrl.get(e.getKey()), e.getKey()))
                .orElse(null);
    }

    private static String normalize(String url) {
        return url == null ? "" : (url.endsWith("/") ? url : url + "/");
    }
}
