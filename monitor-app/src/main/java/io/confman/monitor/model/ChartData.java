package io.confman.monitor.model;

import io.confman.codec.wire.SnapshotView;
import io.confman.monitor.client.NodePoll;
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
    private final Map<URI, XYChart.Series<Number, Number>> commitByNode = new LinkedHashMap<>();
    private final Map<URI, XYChart.Series<Number, Number>> snapshotByNode = new LinkedHashMap<>();
    private final XYChart.Series<Number, Number> rate = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> budget = new XYChart.Series<>();
    private Instant origin;
    private long budgetMillis;

    ChartData() {
        rate.setName("entries/s");
        writeRate.add(rate);
    }

    /** Starts over for a new set of nodes. */
    void reset(List<URI> nodes, Duration snapshotBudget) {
        origin = null;
        budgetMillis = snapshotBudget.toMillis();
        commitByNode.clear();
        snapshotByNode.clear();
        commitIndex.clear();
        snapshotMillis.clear();
        rate.getData().clear();
        budget.getData().clear();
        budget.setName("budget " + budgetMillis + " ms");
        for (URI node : nodes) {
            commitByNode.put(node, new XYChart.Series<>());
            snapshotByNode.put(node, new XYChart.Series<>());
        }
        commitIndex.addAll(commitByNode.values());
        snapshotMillis.addAll(snapshotByNode.values());
        snapshotMillis.add(budget);
    }

    /** Adds one round's points. */
    void add(RoundReport report, List<NodePoll> polls) {
        if (origin == null) {
            origin = report.at();
        }
        double x = Duration.between(origin, report.at()).toMillis() / 1000.0;
        for (NodePoll poll : polls) {
            XYChart.Series<Number, Number> series = commitByNode.get(poll.node());
            if (series == null) {
                continue;
            }
            series.setName(report.nodeNames().get(poll.node()));
            snapshotByNode.get(poll.node()).setName(report.nodeNames().get(poll.node()));
            if (poll.reachable()) {
                append(series, x, poll.report().cluster().commitIndex());
            }
        }
        if (!Double.isNaN(report.writeRate())) {
            append(rate, x, Math.round(report.writeRate() * 10) / 10.0);
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

    /** One series: committed entries per second, derived from the leader's commit index. */
    public ObservableList<XYChart.Series<Number, Number>> writeRate() {
        return FXCollections.unmodifiableObservableList(writeRate);
    }

    /** One series per node of snapshot durations (ms) when each snapshot was first seen, plus the budget line. */
    public ObservableList<XYChart.Series<Number, Number>> snapshotMillis() {
        return FXCollections.unmodifiableObservableList(snapshotMillis);
    }
}
