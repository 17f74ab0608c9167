package io.confman.monitor.model;

import io.confman.monitor.client.NodePoll;
import io.confman.monitor.logic.Assessment;
import io.confman.monitor.logic.ClusterStatus;
import io.confman.monitor.logic.ClusterTracker;
import io.confman.monitor.logic.Formats;
import io.confman.monitor.logic.LoadTracker;
import io.confman.monitor.logic.MonitorEvent;
import io.confman.monitor.logic.PollRound;
import io.confman.monitor.logic.RoundReport;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The cluster overview the views bind to: status, leader, term, one {@link NodeRow} per
 * configured node, the event timeline (newest first) and the chart series.
 *
 * <p>Thread contract: every method runs on the FX thread (in tests: the thread that drives
 * {@link DirectExecutor}). The poller hands rounds over through that executor.
 */
public final class MonitorModel {

    /** Timeline entries kept; older ones fall off the end. */
    public static final int TIMELINE_LIMIT = 1000;

    private final ZoneId zone;
    private final ReadOnlyObjectWrapper<ClusterStatus> status = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("CONNECTING");
    private final ReadOnlyStringWrapper leaderText = new ReadOnlyStringWrapper(NodeRow.UNKNOWN);
    private final ReadOnlyStringWrapper termText = new ReadOnlyStringWrapper(NodeRow.UNKNOWN);
    private final ReadOnlyStringWrapper summaryText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper writeRateText = new ReadOnlyStringWrapper(NodeRow.UNKNOWN);
    private final ObservableList<NodeRow> nodes = FXCollections.observableArrayList();
    private final ObservableList<TimelineEntry> timeline = FXCollections.observableArrayList();
    private final ChartData charts = new ChartData();
    private ClusterTracker tracker = new ClusterTracker(Duration.ofMillis(100));
    private LoadTracker load = new LoadTracker();

    public MonitorModel(ZoneId zone) {
        this.zone = zone;
    }

    /** Starts over for a new set of nodes: one row each, empty charts; the timeline is kept. */
    public void reset(List<URI> nodeUrls, Duration snapshotBudget) {
        tracker = new ClusterTracker(snapshotBudget);
        load = new LoadTracker();
        nodes.setAll(nodeUrls.stream().map(NodeRow::new).toList());
        charts.reset(nodeUrls, snapshotBudget);
        status.set(null);
        statusText.set("CONNECTING");
        leaderText.set(NodeRow.UNKNOWN);
        termText.set(NodeRow.UNKNOWN);
        summaryText.set("");
        writeRateText.set(NodeRow.UNKNOWN);
    }

    /** Shows one finished poll round. */
    public void apply(PollRound round) {
        RoundReport report = tracker.observe(round);
        Assessment assessment = report.assessment();
        status.set(assessment.status());
        statusText.set(assessment.status().label());
        leaderText.set(assessment.leaderId() == null ? "none" : assessment.leaderId());
        termText.set(assessment.term() == 0 ? NodeRow.UNKNOWN : Long.toString(assessment.term()));
        summaryText.set(assessment.reachable() + "/" + assessment.clusterSize() + " nodes answer, quorum "
                + assessment.quorum() + " · last round " + Formats.clock(round.at(), zone));
        if (!Double.isNaN(report.writeRate())) {
            writeRateText.set(String.format(java.util.Locale.ROOT, "%.1f entries/s", report.writeRate()));
        }
        for (NodePoll poll : round.polls()) {
            nodes.stream().filter(row -> row.url().equals(poll.node())).findFirst()
                    .ifPresent(row -> row.show(poll, report.nodeNames().get(poll.node()), assessment, zone));
        }
        for (MonitorEvent event : report.events()) {
            timeline.add(0, new TimelineEntry(Formats.clock(event.at(), zone), event.kind().name(), event.message(), event));
        }
        if (timeline.size() > TIMELINE_LIMIT) {
            timeline.remove(TIMELINE_LIMIT, timeline.size());
        }
        charts.add(report, load.observe(round), round.polls());
    }

    /** The status of the last round; null before the first round of a connection. */
    public ReadOnlyObjectProperty<ClusterStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** {@code HEALTHY}, {@code DEGRADED}, {@code NO QUORUM}, or {@code CONNECTING} before the first round. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty leaderTextProperty() {
        return leaderText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty termTextProperty() {
        return termText.getReadOnlyProperty();
    }

    /** Reachable nodes, quorum and time of the last round. */
    public ReadOnlyStringProperty summaryTextProperty() {
        return summaryText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty writeRateTextProperty() {
        return writeRateText.getReadOnlyProperty();
    }

    /** One row per configured node, in configuration order (read-only). */
    public ObservableList<NodeRow> nodes() {
        return FXCollections.unmodifiableObservableList(nodes);
    }

    /** Timeline entries, newest first (read-only). */
    public ObservableList<TimelineEntry> timeline() {
        return FXCollections.unmodifiableObservableList(timeline);
    }

    public ChartData charts() {
        return charts;
    }
}
