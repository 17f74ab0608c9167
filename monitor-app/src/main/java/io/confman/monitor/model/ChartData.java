package io.confman.monitor.model;

import io.confman.codec.wire.SnapshotView;
import io.confman.monitor.client.NodePoll;
import io.confman.monitor.logic.LoadTracker.LoadReport;
import io.confman.monitor.logic.RoundReport;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * The live charts' series. X is seconds since the monitor connected; each series keeps the last
 * {@link #WINDOW_POINTS} points. Changed only on the FX thread by {@link MonitorModel}.
 */
public final class ChartData {

    /** Points kept per series (5 minutes at the default 1 s interval). */
    public static final int WINDOW_POINTS = 300;

    private final ObservableList<XYChart.Series<Number, Number>> commitIndex = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Series<Number, Number>> writeRate = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Series<Number, Number>> snapshotMillis = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Series<Number, Number>> fsyncMillis = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Series<Number, Number>> applyLag = FXCollections.observableArrayList();
    private final Map<URI, XYChart.Series<Number, Number>> commitByNode = new LinkedHashMap<>();
    private final Map<URI, XYChart.Series<Number, Number>> snapshotByNode = new LinkedHashMap<>();
    private final Map<URI, XYChart.Series<Number, Number>> fsyncByNode = new LinkedHashMap<>();
    private final Map<URI, XYChart.Series<Number, Number>> lagByNode = new LinkedHashMap<>();
    private final XYChart.Series<Number, Number> rate = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> requestRate = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> budget = new XYChart.Series<>();
    private Instant origin;
    private long budgetMillis;

    ChartData() {
        rate.setName("committed log entries/s");
        requestRate.setName("write requests/s");
        writeRate.add(rate);
        writeRate.add(requestRate);
    }

    /** Starts over for a new set of nodes. */
    void reset(List<URI> nodes, Duration snapshotBudget) {
        origin = null;
        budgetMillis = snapshotBudget.toMillis();
        commitByNode.clear();
        snapshotByNode.clear();
        fsyncByNode.clear();
        lagByNode.clear();
        commitIndex.clear();
        snapshotMillis.clear();
        fsyncMillis.clear();
        applyLag.clear();
        rate.getData().clear();
        requestRate.getData().clear();
        budget.getData().clear();
        budget.setName("budget " + budgetMillis + " ms");
        for (URI node : nodes) {
            commitByNode.put(node, new XYChart.Series<>());
            snapshotByNode.put(node, new XYChart.Series<>());
            fsyncByNode.put(node, new XYChart.Series<>());
            lagByNode.put(node, new XYChart.Series<>());
        }
        commitIndex.addAll(commitByNode.values());
        fsyncMillis.addAll(fsyncByNode.values());
        applyLag.addAll(lagByNode.values());
        snapshotMillis.addAll(snapshotByNode.values());
        snapshotMillis.add(budget);
    }

    /** Adds one round's points. */
    void add(RoundReport report, LoadReport load, List<NodePoll> polls) {
        if (origin == null) {
            origin = report.at();
        }
        double x = Duration.between(origin, report.at()).toMillis() / 1000.0;
        for (NodePoll poll : polls) {
            XYChart.Series<Number, Number> series = commitByNode.get(poll.node());
            if (series == null) {
                continue;
            }
            String name = report.nodeNames().get(poll.node());
            for (Map<URI, XYChart.Series<Number, Number>> byNode : List.of(commitByNode, snapshotByNode, fsyncByNode,
                    lagByNode)) {
                byNode.get(poll.node()).setName(name);
            }
            if (poll.reachable()) {
                append(series, x, poll.report().cluster().commitIndex());
            }
            Double fsyncSeconds = load.fsyncP99Seconds().get(poll.node());
            if (fsyncSeconds != null && !fsyncSeconds.isNaN()) {
                append(fsyncByNode.get(poll.node()), x, Math.round(fsyncSeconds * 100_000) / 100.0);
            }
            Long lag = load.applyLag().get(poll.node());
            if (lag != null) {
                append(lagByNode.get(poll.node()), x, lag);
            }
        }
        if (!Double.isNaN(report.writeRate())) {
            append(rate, x, Math.round(report.writeRate() * 10) / 10.0);
        }
        if (!Double.isNaN(load.writeRequestRate())) {
            append(requestRate, x, Math.round(load.writeRequestRate() * 10) / 10.0);
        }
        for (Map.Entry<URI, SnapshotView> seen : report.newSnapshots().entrySet()) {
            XYChart.Series<Number, Number> series = snapshotByNode.get(seen.getKey());
            if (series != null) {
                append(series, x, seen.getValue().durationMs());
            }
        }
        showBudgetUpTo(x);
    }

    /** The budget is a flat line from the first round to the latest: two points suffice. */
    private void showBudgetUpTo(double x) {
        ObservableList<XYChart.Data<Number, Number>> line = budget.getData();
        if (line.size() < 2) {
            line.add(new XYChart.Data<>(x, budgetMillis));
        } else {
            line.get(1).setXValue(x);
        }
    }

    private static void append(XYChart.Series<Number, Number> series, double x, Number y) {
        ObservableList<XYChart.Data<Number, Number>> data = series.getData();
        data.add(new XYChart.Data<>(x, y));
        if (data.size() > WINDOW_POINTS) {
            data.remove(0, data.size() - WINDOW_POINTS);
        }
    }

    /** One series per node: its commit index over time. */
    public ObservableList<XYChart.Series<Number, Number>> commitIndex() {
        return FXCollections.unmodifiableObservableList(commitIndex);
    }

    /**
     * Two series: committed log entries per second (from the leader's commit index; read barriers
     * and membership entries count too) and successful write requests per second over all nodes
     * (from {@code /metrics}).
     */
    public ObservableList<XYChart.Series<Number, Number>> writeRate() {
        return FXCollections.unmodifiableObservableList(writeRate);
    }

    /**
     * One series per node: the p99 (ms) of its Raft log fsyncs over the last {@link
     * io.confman.monitor.logic.LoadTracker#FSYNC_WINDOW}; no point while it fsynced nothing.
     */
    public ObservableList<XYChart.Series<Number, Number>> fsyncMillis() {
        return FXCollections.unmodifiableObservableList(fsyncMillis);
    }

    /** One series per node: committed log entries it has not applied yet. */
    public ObservableList<XYChart.Series<Number, Number>> applyLag() {
        return FXCollections.unmodifiableObservableList(applyLag);
    }

    /** One series per node of snapshot durations (ms) when each snapshot was first seen, plus the budget line. */
    public ObservableList<XYChart.Series<Number, Number>> snapshotMillis() {
        return FXCollections.unmodifiableObservableList(snapshotMillis);
    }
}
