package io.confman.monitor.logic;

import static io.confman.monitor.fixtures.Reports.N1;
import static io.confman.monitor.fixtures.Reports.N2;
import static io.confman.monitor.fixtures.Reports.N3;
import static io.confman.monitor.fixtures.Reports.down;
import static io.confman.monitor.fixtures.Reports.ok;
import static io.confman.monitor.fixtures.Reports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.confman.codec.wire.ClusterView;
import io.confman.codec.wire.HealthReport;
import io.confman.monitor.fixtures.Reports;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The status rules on hand-made rounds of a three-node cluster: HEALTHY, DEGRADED and NO QUORUM,
 * the leader found from the leader itself or from the followers, and lag. No I/O, no display.
 */
@Timeout(5)
class StatusRulesTest {

    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void allReadyWithOneLeaderIsHealthy() {
        Assessment a = StatusRules.assess(Reports.healthy(T, "node1", 5, 100));
        assertEquals(ClusterStatus.HEALTHY, a.status());
        assertEquals("node1", a.leaderId());
        assertEquals(5, a.term());
        assertEquals(100, a.leaderCommit());
        assertEquals(3, a.reachable());
    }

    @Test
    void oneOfflineFollowerMakesItDegraded() {
        Assessment a = StatusRules.assess(List.of(ok(N1, T, report("node1", "node1", 5, 100)),
                ok(N2, T, report("node2", "node1", 5, 100)), down(N3, T)));
        assertEquals(ClusterStatus.DEGRADED, a.status());
        assertEquals("node1", a.leaderId());
    }

    @Test
    void aNotReadyNodeMakesItDegraded() {
        HealthReport lagging = report("node3", ClusterView.FOLLOWER, "node1", 5, 40, HealthReport.NOT_READY, null);
        Assessment a = StatusRules.assess(List.of(ok(N1, T, report("node1", "node1", 5, 100)),
                ok(N2, T, report("node2", "node1", 5, 100)), ok(N3, T, lagging)));
        assertEquals(ClusterStatus.DEGRADED, a.status());
        assertEquals(60, a.lagOf(40));
    }

    @Test
    void twoNodesOfflineIsNoQuorum() {
        Assessment a = StatusRules.assess(List.of(ok(N1, T, report("node1", "node1", 5, 100)), down(N2, T), down(N3, T)));
        assertEquals(ClusterStatus.NO_QUORUM, a.status());
    }

    @Test
    void allOfflineIsNoQuorumWithoutLeaderOrTerm() {
        Assessment a = StatusRules.assess(List.of(down(N1, T), down(N2, T), down(N3, T)));
        assertEquals(ClusterStatus.NO_QUORUM, a.status());
        assertNull(a.leaderId());
        assertEquals(0, a.term());
        assertEquals(-1, a.lagOf(10));
    }

    @Test
    void noLeaderAnywhereIsNoQuorumEvenWhenAllAnswer() {
        HealthReport candidate = report("node1", ClusterView.CANDIDATE, null, 6, 100, HealthReport.NOT_READY, null);
        HealthReport follower2 = report("node2", ClusterView.FOLLOWER, null, 6, 100, HealthReport.NOT_READY, null);
        HealthReport follower3 = report("node3", ClusterView.FOLLOWER, null, 6, 100, HealthReport.NOT_READY, null);
        Assessment a = StatusRules.assess(List.of(ok(N1, T, candidate), ok(N2, T, follower2), ok(N3, T, follower3)));
        assertEquals(ClusterStatus.NO_QUORUM, a.status());
    }

    @Test
    void leaderThatDoesNotAnswerIsFoundFromFollowers() {
        Assessment a = StatusRules.assess(List.of(down(N1, T),
                ok(N2, T, report("node2", "node1", 5, 90)), ok(N3, T, report("node3", "node1", 5, 95))));
        assertEquals(ClusterStatus.DEGRADED, a.status());
        assertEquals("node1", a.leaderId());
        assertEquals(95, a.leaderCommit(), "the highest reachable commit index stands in for the leader's");
        assertEquals(5, a.lagOf(90));
    }

    @Test
    void aStaleSecondLeaderIsNotHealthyAndTheNewerTermWins() {
        HealthReport stale = report("node1", ClusterView.LEADER, "node1", 5, 100, HealthReport.READY, null);
        Assessment a = StatusRules.assess(List.of(ok(N1, T, stale),
                ok(N2, T, report("node2", "node2", 6, 120)), ok(N3, T, report("node3", "node2", 6, 120))));
        assertEquals(ClusterStatus.DEGRADED, a.status());
        assertEquals("node2", a.leaderId());
        assertEquals(6, a.term());
    }

    @Test
    void lagIsNeverNegative() {
        Assessment a = StatusRules.assess(Reports.healthy(T, "node1", 5, 100));
        assertEquals(0, a.lagOf(101));
    }
}
