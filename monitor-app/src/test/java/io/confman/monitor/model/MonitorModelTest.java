package io.confman.monitor.model;

import static io.confman.monitor.fixtures.Reports.N1;
import static io.confman.monitor.fixtures.Reports.N2;
import static io.confman.monitor.fixtures.Reports.N3;
import static io.confman.monitor.fixtures.Reports.down;
import static io.confman.monitor.fixtures.Reports.ok;
import static io.confman.monitor.fixtures.Reports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.wire.BlobsView;
import io.confman.codec.wire.HealthReport;
import io.confman.monitor.client.MetricsText;
import io.confman.monitor.client.NodeMetrics;
import io.confman.monitor.client.NodePoll;
import io.confman.monitor.fixtures.Reports;
import io.confman.monitor.logic.ClusterStatus;
import io.confman.monitor.logic.PollRound;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The overview model fed with scripted rounds on the test thread (no FX toolkit, no display):
 * the properties and rows the views bind to, the timeline order, and the chart series.
 */
@Timeout(5)
class MonitorModelTest {

    private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

    private final MonitorModel model = new MonitorModel(ZoneOffset.UTC);

    @BeforeEach
    void connect() {
        model.reset(List.of(N1, N2, N3), Duration.ofMillis(100));
    }

    @Test
    void beforeTheFirstRoundEveryRowWaits() {
        assertEquals(3, model.nodes().size());
        assertEquals("CONNECTING", model.statusTextProperty().get());
        assertEquals("127.0.0.1:6100", model.nodes().get(0).nameProperty().get());
        assertEquals("waiting", model.nodes().get(0).stateProperty().get());
    }

    @Test
    void healthyRoundFillsStatusLeaderTermAndRows() {
        model.apply(new PollRound(T0, Reports.healthy(T0, "node2", 4, 77)));
        assertEquals(ClusterStatus.HEALTHY, model.statusProperty().get());
        assertEquals("HEALTHY", model.statusTextProperty().get());
        assertEquals("node2", model.leaderTextProperty().get());
        assertEquals("4", model.termTextProperty().get());
        NodeRow row = model.nodes().get(1);
        assertEquals("node2", row.nameProperty().get());
        assertEquals("leader", row.roleProperty().get());
        assertEquals("ready", row.stateProperty().get());
        assertEquals("77", row.commitProperty().get());
        assertEquals("0", row.lagProperty().get());
        assertEquals("3 · 4.0 KiB · 0 missing", row.blobsProperty().get());
        assertEquals("12:00:00", row.lastPollProperty().get());
    }

    @Test
    void blobFiguresShowCorruptCopiesAndDiskHeadroomWhenKnown() {
        HealthReport clean = report("node1", "node1", 4, 100);
        HealthReport healed = new HealthReport(clean.status(), clean.timestamp(), clean.cluster(), null,
                new BlobsView(5, 2048, 1, 2, 3L << 30, 512L << 20));
        HealthReport full = new HealthReport(clean.status(), clean.timestamp(), report("node3", "node1", 4, 100).cluster(),
                null, new BlobsView(1, 10, 0, 0, 100L << 20, 512L << 20));
        model.apply(new PollRound(T0, List.of(ok(N1, T0, healed), ok(N2, T0, report("node2", "node1", 4, 100)),
                ok(N3, T0, full))));
        assertEquals("5 · 2.0 KiB · 1 missing · 2 corrupt · 3.0 GiB free", model.nodes().get(0).blobsProperty().get());
        assertEquals("3 · 4.0 KiB · 0 missing", model.nodes().get(1).blobsProperty().get());
        assertEquals("1 · 10 B · 0 missing · DISK AT RESERVE, blob writes refused",
                model.nodes().get(2).blobsProperty().get());
    }

    @Test
    void offlineNodeShowsOfflineAndLagFollowsTheLeader() {
        model.apply(new PollRound(T0, List.of(ok(N1, T0, report("node1", "node1", 4, 100)),
                ok(N2, T0, report("node2", "node1", 4, 90)), down(N3, T0))));
        assertEquals("DEGRADED", model.statusTextProperty().get());
        assertEquals("10", model.nodes().get(1).lagProperty().get());
        NodeRow third = model.nodes().get(2);
        assertEquals(NodeRow.OFFLINE, third.stateProperty().get());
        assertTrue(third.offlineProperty().get());
        assertEquals("connection refused", third.detailProperty().get());
    }

    @Test
    void aLeaderThatGoesOfflineNoLongerShowsARole() {
        model.apply(new PollRound(T0, Reports.healthy(T0, "node1", 4, 100)));
        NodeRow first = model.nodes().get(0);
        assertEquals("leader", first.roleProperty().get());
        model.apply(new PollRound(T0.plusSeconds(1), List.of(down(N1, T0.plusSeconds(1)),
                ok(N2, T0.plusSeconds(1), report("node2", "node2", 5, 101)),
                ok(N3, T0.plusSeconds(1), report("node3", "node2", 5, 101)))));
        assertEquals(NodeRow.OFFLINE, first.stateProperty().get());
        assertEquals("–", first.roleProperty().get(), "the last known role is not shown as current");
        assertEquals("4", first.termProperty().get(), "the last known term stays");
    }

    @Test
    void timelineShowsNewestFirst() {
        model.apply(new PollRound(T0, Reports.healthy(T0, "node1", 4, 100)));
        model.apply(new PollRound(T0.plusSeconds(1), Reports.healthy(T0, "node3", 5, 101)));
        assertEquals(2, model.timeline().size());
        assertEquals("ELECTION", model.timeline().get(0).kind());
        assertEquals("12:00:01", model.timeline().get(0).time());
        assertEquals("CONNECTED", model.timeline().get(1).kind());
    }

    @Test
    void chartsGetOnePointPerNodeAndRoundAndARateFromTheSecondRound() {
        model.apply(new PollRound(T0, Reports.healthy(T0, "node1", 4, 100)));
        model.apply(new PollRound(T0.plusSeconds(2), Reports.healthy(T0, "node1", 4, 160)));
        ChartData charts = model.charts();
        assertEquals(3, charts.commitIndex().size());
        assertEquals(2, charts.commitIndex().get(0).getData().size());
        assertEquals("node1", charts.commitIndex().get(0).getName());
        assertEquals(2.0, charts.commitIndex().get(0).getData().get(1).getXValue().doubleValue(), 1e-9);
        assertEquals(1, charts.writeRate().get(0).getData().size());
        assertEquals(30.0, charts.writeRate().get(0).getData().get(0).getYValue().doubleValue(), 1e-9);
        assertEquals(4, charts.snapshotMillis().size(), "three nodes plus the budget line");
    }

    @Test
    void metricsBecomeFsyncApplyLagAndWriteRequestSeries() throws Exception {
        String scrape0 = metrics(5, 10, 10);
        String scrape1 = metrics(25, 110, 110);
        model.apply(new PollRound(T0, withMetrics(Reports.healthy(T0, "node1", 4, 100), scrape0)));
        model.apply(new PollRound(T0.plusSeconds(1), withMetrics(Reports.healthy(T0, "node1", 4, 120), scrape1)));
        ChartData charts = model.charts();
        assertEquals(List.of("committed log entries/s", "write requests/s"),
                charts.writeRate().stream().map(s -> s.getName()).toList());
        assertEquals(60.0, charts.writeRate().get(1).getData().getFirst().getYValue().doubleValue(), 1e-9,
                "20 writes a second on each of three nodes");
        assertEquals(3, charts.fsyncMillis().size());
        assertEquals("node2", charts.fsyncMillis().get(1).getName());
        assertEquals(1, charts.fsyncMillis().get(0).getData().size(), "a p99 from the second scrape on");
        assertEquals(0.99, charts.fsyncMillis().get(0).getData().getFirst().getYValue().doubleValue(), 1e-9,
                "100 fsyncs under 1 ms: p99 0.99 ms");
        assertEquals(3, charts.applyLag().size());
        assertEquals(2, charts.applyLag().get(2).getData().size());
        assertEquals(0L, charts.applyLag().get(2).getData().get(1).getYValue().longValue());
    }

    /** A /metrics answer as a node writes it: the fsync histogram and one route's PUT count. */
    private static String metrics(long puts, long fast, long all) {
        StringBuilder text = new StringBuilder("# HELP confman_disk_wal_fsync_duration_seconds t\n"
                + "# TYPE confman_disk_wal_fsync_duration_seconds histogram\n");
        text.append("confman_disk_wal_fsync_duration_seconds_bucket{le=\"0.001\"} ").append(fast).append('\n')
                .append("confman_disk_wal_fsync_duration_seconds_bucket{le=\"+Inf\"} ").append(all).append('\n')
                .append("confman_disk_wal_fsync_duration_seconds_sum 0.05\n")
                .append("confman_disk_wal_fsync_duration_seconds_count ").append(all).append('\n')
                .append("# HELP confman_http_requests_total r\n# TYPE confman_http_requests_total counter\n")
                .append("confman_http_requests_total{method=\"PUT\",route=\"/api/v1/namespaces/{namespace}/config/{key}\",")
                .append("code=\"200\"} ").append(puts).append('\n');
        return text.toString();
    }

    private static List<NodePoll> withMetrics(List<NodePoll> polls, String scrape) throws Exception {
        NodeMetrics metrics = MetricsText.nodeMetrics(scrape);
        return polls.stream().map(poll -> poll.withMetrics(metrics)).toList();
    }
}
