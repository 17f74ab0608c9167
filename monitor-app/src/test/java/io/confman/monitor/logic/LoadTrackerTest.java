package io.confman.monitor.logic;

import static io.confman.monitor.fixtures.Reports.N1;
import static io.confman.monitor.fixtures.Reports.N2;
import static io.confman.monitor.fixtures.Reports.N3;
import static io.confman.monitor.fixtures.Reports.down;
import static io.confman.monitor.fixtures.Reports.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.wire.ClusterView;
import io.confman.codec.wire.HealthReport;
import io.confman.monitor.client.BucketCounts;
import io.confman.monitor.client.NodeMetrics;
import io.confman.monitor.client.NodePoll;
import io.confman.monitor.fixtures.Reports;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The load charts' figures from scripted rounds: write requests per second summed over the nodes,
 * each node's fsync p99 from its histogram, and each node's apply lag from its health answer.
 */
class LoadTrackerTest {

    private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");
    private static final List<Double> BOUNDS = List.of(0.001, 0.01, Double.POSITIVE_INFINITY);

    private static NodePoll poll(URI node, String id, Instant at, long commit, long applied, double writes,
                                 double fastFsyncs, double slowFsyncs) {
        HealthReport base = Reports.report(id, "node1", 2, commit);
        ClusterView c = base.cluster();
        HealthReport report = new HealthReport(base.status(), base.timestamp(), new ClusterView(c.role(),
                c.leaderKnown(), c.leader(), c.term(), c.nodeId(), commit, applied, c.members()), null, base.blobs());
        BucketCounts fsync = new BucketCounts(BOUNDS, List.of(fastFsyncs, fastFsyncs + slowFsyncs,
                fastFsyncs + slowFsyncs), 0.1);
        return ok(node, at, report).withMetrics(new NodeMetrics(fsync, writes));
    }

    @Test
    void writeRatesAddUpOverNodesAndLagAndFsyncArePerNode() {
        LoadTracker tracker = new LoadTracker();
        LoadTracker.LoadReport first = tracker.observe(new PollRound(T0, List.of(
                poll(N1, "node1", T0, 100, 100, 10, 0, 0),
                poll(N2, "node2", T0, 100, 100, 20, 0, 0),
                poll(N3, "node3", T0, 100, 100, 0, 0, 0))));
        assertTrue(Double.isNaN(first.writeRequestRate()), "no rate from one reading");
        assertEquals(0L, first.applyLag().get(N1));

        Instant t1 = T0.plusSeconds(2);
        LoadTracker.LoadReport second = tracker.observe(new PollRound(t1, List.of(
                poll(N1, "node1", t1, 140, 130, 30, 100, 0),
                poll(N2, "node2", t1, 140, 140, 40, 0, 100),
                down(N3, t1))));
        assertEquals((20 + 20) / 2.0, second.writeRequestRate(), 1e-9);
        assertEquals(10L, second.applyLag().get(N1));
        assertEquals(0L, second.applyLag().get(N2));
        assertFalse(second.applyLag().containsKey(N3), "an offline node has no lag point");
        assertTrue(second.fsyncP99Seconds().get(N1) <= 0.001);
        assertTrue(second.fsyncP99Seconds().get(N2) > 0.001 && second.fsyncP99Seconds().get(N2) <= 0.01);
        assertFalse(second.fsyncP99Seconds().containsKey(N3));
    }
}
