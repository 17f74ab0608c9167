package io.confman.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.wire.HealthReport;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /health/ready} on a follower means caught up: a follower that restarts behind the leader
 * knows the leader at once but answers not ready while it replays the entries it missed, and
 * ready once it is within the bound. Three real nodes whose leaders send one entry per append,
 * at most every 40 ms, so that the catch-up takes seconds instead of milliseconds.
 */
@Timeout(240)
class FollowerReadinessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int MISSED_WRITES = 300;

    @Test
    void aFollowerThatKnowsTheLeaderButIsFarBehindIsNotReadyUntilItCatchesUp() {
        try (LocalCluster cluster = LocalCluster.start(3, Map.of("raft.ratis",
                "raft.server.log.appender.buffer.element-limit=1 raft.server.log.appender.wait-time.min=40ms"))) {
            ClusterCalls calls = new ClusterCalls(cluster);
            Node leader = cluster.awaitLeader(WAIT);
            Node follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            follower.kill();
            for (int i = 0; i < MISSED_WRITES; i++) {
                assertEquals(200, calls.put(leader, "readiness", "k" + (i % 10), "v" + i).orElseThrow().statusCode());
            }
            long leaderCommit = cluster.health(leader).orElseThrow().cluster().commitIndex();

            cluster.start(follower);
            HealthReport behind = cluster.awaitHealth(follower, WAIT, "the leader known",
                    r -> r.cluster().leaderKnown());
            assertTrue(behind.cluster().appliedIndex() < leaderCommit - 100,
                    "the follower is still far behind when it first knows the leader: " + behind.cluster());
            assertEquals(HealthReport.NOT_READY, behind.status(), "knowing the leader is not being caught up");

            HealthReport caughtUp = cluster.awaitHealth(follower, WAIT, "ready", HealthReport::ready);
            assertTrue(caughtUp.cluster().appliedIndex() >= leaderCommit - 100, caughtUp.cluster().toString());
        }
    }
}
