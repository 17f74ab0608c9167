package io.confman.monitor.view;

import io.confman.monitor.model.MonitorModel;
import io.confman.monitor.model.NodeRow;
import io.confman.monitor.model.TimelineEntry;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The cluster tab: status header, one table row per node, and the event timeline below. */
public final class ClusterPane extends BorderPane {

    public ClusterPane(MonitorModel model) {
        setTop(header(model));
        SplitPane split = new SplitPane(nodeTable(model), timeline(model));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        setCenter(split);
    }

    private static HBox header(MonitorModel model) {
        Label status = new Label();
        status.setId(ViewIds.STATUS);
        status.getStyleClass().add("cluster-status");
        status.textProperty().bind(model.statusTextProperty());
        model.statusProperty().addListener((obs, old, now) -> {
            status.getStyleClass().removeAll("status-HEALTHY", "status-DEGRADED", "status-NO_QUORUM");
            if (now != null) {
                status.getStyleClass().add("status-" + now.name());
            }
        });
        Label leader = new Label();
        leader.setId(ViewIds.LEADER);
        leader.textProperty().bind(model.leaderTextProperty());
        Label term = new Label();
        term.setId(ViewIds.TERM);
        term.textProperty().bind(model.termTextProperty());
        Label rate = new Label();
        rate.textProperty().bind(model.writeRateTextProperty());
        Label summary = new Label();
        summary.textProperty().bind(model.summaryTextProperty());
        HBox header = new HBox(16, status, new VBox(2, new Label("Leader"), leader), new VBox(2, new Label("Term"), term),
                new VBox(2, new Label("Write rate"), rate), new VBox(2, new Label("Nodes"), summary));
        header.setPadding(new Insets(10));
        return header;
    }

    private static TableView<NodeRow> nodeTable(MonitorModel model) {
        TableView<NodeRow> table = new TableView<>(model.nodes());
        table.setId(ViewIds.NODE_TABLE);
        table.getColumns().add(Columns.bound("Node", 110, NodeRow::nameProperty));
        table.getColumns().add(Columns.bound("URL", 150, row -> new ReadOnlyStringWrapper(row.url().toString())));
        table.getColumns().add(Columns.bound("State", 90, NodeRow::stateProperty));
        table.getColumns().add(Columns.bound("Role", 80, NodeRow::roleProperty));
        table.getColumns().add(Columns.bound("Term", 55, NodeRow::termProperty));
        table.getColumns().add(Columns.bound("Commit", 75, NodeRow::commitProperty));
        table.getColumns().add(Columns.bound("Applied", 75, NodeRow::appliedProperty));
        table.getColumns().add(Columns.bound("Lag", 55, NodeRow::lagProperty));
        table.getColumns().add(Columns.bound("Last snapshot", 170, NodeRow::snapshotProperty));
        table.getColumns().add(Columns.bound("Blobs (count · bytes · missing)", 180, NodeRow::blobsProperty));
        table.getColumns().add(Columns.bound("Polled", 70, NodeRow::lastPollProperty));
        table.getColumns().add(Columns.bound("Detail", 160, NodeRow::detailProperty));
        // The columns share the table's width (Detail takes what is left), so none is off-screen
        // in a 1280-pixel window; the preferred widths above add up to less than that.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(view -> new NodeTableRow());
        table.setPlaceholder(new Label("No nodes configured"));
        return table;
    }

    private static TableView<TimelineEntry> timeline(MonitorModel model) {
        TableView<TimelineEntry> table = new TableView<>(model.timeline());
        table.setId(ViewIds.TIMELINE);
        table.getColumns().add(Columns.fixed("Time", 80, TimelineEntry::time));
        table.getColumns().add(Columns.fixed("Event", 170, TimelineEntry::kind));
        table.getColumns().add(Columns.fixed("What happened", 800, TimelineEntry::message));
        table.setPlaceholder(new Label("No events yet"));
        return table;
    }
}
