package io.confman.monitor.view;

import io.confman.monitor.model.ChartData;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The charts tab: commit index per node, write rate, and snapshot durations against the budget. */
public final class ChartsPane extends VBox {

    public ChartsPane(ChartData charts) {
        super(4);
        getChildren().addAll(
                chart(ViewIds.COMMIT_CHART, "Commit index per node", "commit index", charts.commitIndex()),
                chart(ViewIds.RATE_CHART, "Write rate (committed entries/s)", "entries/s", charts.writeRate()),
                chart(ViewIds.SNAPSHOT_CHART, "Snapshot duration (ms) vs budget", "ms", charts.snapshotMillis()));
    }

    private static LineChart<Number, Number> chart(String id, String title, String yLabel,
                                                   ObservableList<XYChart.Series<Number, Number>> data) {
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds since connect");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y, data);
        chart.setId(id);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(ViewIds.SNAPSHOT_CHART.equals(id));
        chart.setMinHeight(160);
        VBox.setVgrow(chart, Priority.ALWAYS);
        return chart;
    }
}
