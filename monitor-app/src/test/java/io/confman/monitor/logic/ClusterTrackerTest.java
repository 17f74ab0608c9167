package io.confman.monitor.logic;

import static io.confman.monitor.fixtures.Reports.N1;
import static io.confman.monitor.fixtures.Reports.N2;
import static io.confman.monitor.fixtures.Reports.N3;
import static io.confman.monitor.fixtures.Reports.down;
import static io.confman.monitor.fixtures.Reports.ok;
import static io.confman.monitor.fixtures.Reports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.wire.BlobsView;
import io.confman.codec.wire.ClusterView;
import io.confman.codec.wire.HealthReport;
import io.confman.codec.wire.SnapshotView;
import io.confman.monitor.client.NodePoll;
import io.confman.monitor.fixtures.Reports;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tracker fed with scripted rounds one second apart (time comes with the rounds, so nothing
 * depends on a real clock): which timeline events each change produces, exactly once, and the
 * write rate derived from the leader's commit index.
 */
@Timeout(5)
class ClusterTrackerTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final ClusterTracker tracker = new ClusterTracker(Duration.ofMillis(100));

    private RoundReport round(int second, List<NodePoll> polls) {
        return tracker.observe(new PollRound(T0.plusSeconds(second), polls));
    }

    private static List<EventKind> kinds(RoundReport report) {
        return report.events().stream().map(MonitorEvent::kind).toList();
    }

    @Test
    void firstRoundWithALeaderReportsTheConnectionOnly() {
        RoundReport first = round(0, Reports.healthy(T0, "node1", 5, 100));
        assertEquals(List.of(EventKind.CONNECTED), kinds(first));
        assertTrue(first.events().get(0).message().contains("node1"));
        assertEquals(List.of(), kinds(round(1, Reports.healthy(T0, "node1", 5, 110))));
    }

    @Test
    void termBumpWithNewLeaderIsOneElectionEvent() {
        round(0, Reports.healthy(T0, "node1", 5, 100));
        RoundReport after = round(1, Reports.healthy(T0, "node2", 6, 101));
        assertEquals(List.of(EventKind.ELECTION), kinds(after));
        MonitorEvent election = after.events().get(0);
        assertEquals(T0.plusSeconds(1), election.at());
        assertEquals("Election: term 5 → 6, leader node1 → node2", election.message());
    }

    @Test
    void electionWithoutLeaderYetThenLeaderElected() {
        round(0, Reports.healthy(T0, "node1", 5, 100));
        HealthReport c1 = report("node1", ClusterView.FOLLOWER, null, 6, 100, HealthReport.NOT_READY, null);
        HealthReport c2 = report("node2", ClusterView.CANDIDATE, null, 6, 100, HealthReport.NOT_READY, null);
        HealthReport c3 = report("node3", ClusterView.FOLLOWER, null, 6, 100, HealthReport.NOT_READY, null);
        RoundReport voting = round(1, List.of(ok(N1, T0, c1), ok(N2, T0, c2), ok(N3, T0, c3)));
        assertEquals(List.of(EventKind.ELECTION), kinds(voting));
        assertTrue(voting.events().get(0).message().endsWith("leader node1 → none"));
        RoundReport elected = round(2, Reports.healthy(T0, "node2", 6, 101));
        assertEquals(List.of(EventKind.LEADER_CHANGED), kinds(elected));
    }

    @Test
    void nodeGoingOfflineAndComingBackIsReportedOnceEach() {
        round(0, Reports.healthy(T0, "node1", 5, 100));
        List<NodePoll> thirdDown = List.of(ok(N1, T0, report("node1", "node1", 5, 100)),
                ok(N2, T0, report("node2", "node1", 5, 100)), down(N3, T0));
        RoundReport offline = round(1, thirdDown);
        assertEquals(List.of(EventKind.NODE_OFFLINE), kinds(offline));
        assertEquals("node3", offline.events().get(0).node(), "the id learnt while it answered names it");
        assertEquals(List.of(), kinds(round(2, thirdDown)));
        assertEquals(List.of(EventKind.NODE_ONLINE), kinds(round(3, Reports.healthy(T0, "node1", 5, 100))));
    }

    @Test
    void aNodeAtItsDiskReserveIsReportedOnceAndAgainWhenItRecovers() {
        round(0, Reports.healthy(T0, "node1", 5, 100));
        RoundReport full = round(1, withBlobs(new BlobsView(2, 100, 0, 0, 100L << 20, 512L << 20)));
        assertEquals(List.of(EventKind.DISK_AT_RESERVE), kinds(full));
        assertEquals("node2 is at its disk reserve (100.0 MiB free, reserve 512.0 MiB): blob writes are refused",
                full.events().get(0).message());
        assertEquals(List.of(), kinds(round(2, withBlobs(new BlobsView(2, 100, 0, 0, 90L << 20, 512L << 20)))));
        RoundReport freed = round(3, withBlobs(new BlobsView(2, 100, 0, 0, 2L << 30, 512L << 20)));
        assertEquals(List.of(EventKind.DISK_RECOVERED), kinds(freed));
        assertEquals("node2 has room for blobs again (2.0 GiB free)", freed.events().get(0).message());
    }

    /** A healthy round in which node2 reports {@code blobs}. */
    private static List<NodePoll> withBlobs(BlobsView blobs) {
        HealthReport plain = report("node2", "node1", 5, 100);
        HealthReport node2 = new HealthReport(plain.status(), plain.timestamp(), plain.cluster(), null, blobs);
        return List.of(ok(N1, T0, report("node1", "node1", 5, 100)), ok(N2, T0, node2),
                ok(N3, T0, report("node3", "node1", 5, 100)));
    }

    @Test
    void nodesOfflineFromTheStartAreReportedByHostAndPort() {
        RoundReport first = round(0, List.of(down(N1, T0), down(N2, T0), down(N3, T0)));
        assertEquals(List.of(EventKind.NODE_OFFLINE, EventKind.NODE_OFFLINE, EventKind.NODE_OFFLINE), kinds(first));
        assertEquals("127.0.0.1:6100", first.events().get(0).node());
        assertEquals(List.of(), kinds(round(1, List.of(down(N1, T0), down(N2, T0), down(N3, T0)))));
    }

    @Test
    void leaderLostIsReportedOnceWhenEverythingGoesDark() {
        round(0, Reports.healthy(T0, "node1", 5, 100));
        List<NodePoll> dark = List.of(down(N1, T0), down(N2, T0), down(N3, T0));
        RoundReport lost = round(1, dark);
        assertTrue(kinds(lost).contains(EventKind.LEADER_LOST));
        assertEquals(List.of(), kinds(round(2, dark)));
    }

    @Test
    void snapshotOverBudgetIsReportedOncePerSnapshot() {
        SnapshotView slow = new SnapshotView(50, 250, 4096, "2025-01-01T00:00:00Z");
        SnapshotView fast = new SnapshotView(100, 12, 4096, "2025-01-01T00:00:05Z");
        List<NodePoll> withSlow = withSnapshot(slow);
        RoundReport first = round(0, withSlow);
        assertTrue(kinds(first).contains(EventKind.SNAPSHOT_OVER_BUDGET));
        assertTrue(first.events().stream().anyMatch(e -> e.message().contains("took 250 ms (budget 100 ms)")));
        assertEquals(slow, first.newSnapshots().get(N1));
        assertEquals(List.of(), kinds(round(1, withSlow)));
        RoundReport next = round(2, withSnapshot(fast));
        assertEquals(List.of(), kinds(next), "a snapshot within budget is charted, not reported");
        assertEquals(fast, next.newSnapshots().get(N1));
    }

    private static List<NodePoll> withSnapshot(SnapshotView snapshot) {
        HealthReport leader = report("node1", ClusterView.LEADER, "node1", 5, 100, HealthReport.READY, snapshot);
        return List.of(ok(N1, T0, leader), ok(N2, T0, report("node2", "node1", 5, 100)),
                ok(N3, T0, report("node3", "node1", 5, 100)));
    }

    @Test
    void writeRateIsCommittedEntriesPerSecondOfTheLeader() {
        assertTrue(Double.isNaN(round(0, Reports.healthy(T0, "node1", 5, 100)).writeRate()));
        assertEquals(50.0, round(2, Reports.healthy(T0, "node1", 5, 200)).writeRate(), 1e-9);
        assertEquals(0.0, round(3, Reports.healthy(T0, "node1", 5, 200)).writeRate(), 1e-9);
    }

    @Test
    void rateMeterRestartsWhenTheCounterGoesDown() {
        RateMeter meter = new RateMeter();
        assertTrue(Double.isNaN(meter.record(T0, 100)));
        assertEquals(10.0, meter.record(T0.plusMillis(500), 105), 1e-9);
        assertTrue(Double.isNaN(meter.record(T0.plusSeconds(1), 3)));
        assertEquals(4.0, meter.record(T0.plusSeconds(2), 7), 1e-9);
        assertTrue(Double.isNaN(meter.record(T0.plusSeconds(2), 9)), "no time passed");
    }
}
