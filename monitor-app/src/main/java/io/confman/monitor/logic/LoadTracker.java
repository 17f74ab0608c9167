package io.confman.monitor.logic;

import io.confman.monitor.client.NodeMetrics;
import io.confman.monitor.client.NodePoll;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Derives the load charts' figures from successive poll rounds: the cluster's write requests per
 * second (each node's successful write requests from {@code /metrics}, as a rate, summed over the
 * nodes that answered twice in a row), each node's Raft log fsync p99 over the last {@link
 * #FSYNC_WINDOW} (from {@code confman_disk_wal_fsync_duration_seconds}), and each node's apply lag
 * (its commit index minus its applied index, from {@code /health/ready}). Pure and
 * single-threaded: feed rounds in order from one thread.
 */
public final class LoadTracker {

    /** How far back the fsync quantile looks: long enough to hold a few flushes at a low write rate. */
    public static final Duration FSYNC_WINDOW = Duration.ofSeconds(10);
    /** The quantile the fsync chart shows. */
    public static final double FSYNC_QUANTILE = 0.99;

    private final Map<URI, RateMeter> writeMeters = new HashMap<>();
    private final Map<URI, HistogramWindow> fsyncWindows = new HashMap<>();

    /**
     * The figures of one round.
     *
     * @param writeRequestRate write requests per second since the previous round, summed over
     *                         nodes; NaN when no node gave two readings in a row
     * @param fsyncP99Seconds  per node that served its fsync histogram twice: the p99 over the
     *                         window, NaN when it fsynced nothing within it
     * @param applyLag         per reachable node: committed entries not yet applied
     */
    public record LoadReport(double writeRequestRate, Map<URI, Double> fsyncP99Seconds, Map<URI, Long> applyLag) {
        public LoadReport {
            fsyncP99Seconds = Map.copyOf(fsyncP99Seconds);
            applyLag = Map.copyOf(applyLag);
        }
    }

    public LoadReport observe(PollRound round) {
        double writes = Double.NaN;
        Map<URI, Double> fsync = new LinkedHashMap<>();
        Map<URI, Long> lag = new LinkedHashMap<>();
        for (NodePoll poll : round.polls()) {
            if (poll.reachable()) {
                lag.put(poll.node(), Math.max(0, poll.report().cluster().commitIndex()
                        - poll.report().cluster().appliedIndex()));
            }
            NodeMetrics metrics = poll.metrics();
            RateMeter meter = writeMeters.computeIfAbsent(poll.node(), node -> new RateMeter());
            if (metrics == null || Double.isNaN(metrics.writeRequests())) {
                meter.reset();
            } else {
                double rate = meter.record(round.at(), (long) metrics.writeRequests());
                if (!Double.isNaN(rate)) {
                    writes = Double.isNaN(writes) ? rate : writes + rate;
                }
            }
            if (metrics != null && metrics.walFsync() != null) {
                HistogramWindow window = fsyncWindows.computeIfAbsent(poll.node(), node -> new HistogramWindow(FSYNC_WINDOW));
                fsync.put(poll.node(), window.record(round.at(), metrics.walFsync(), FSYNC_QUANTILE));
            }
        }
        return new LoadReport(writes, fsync, lag);
    }
}
