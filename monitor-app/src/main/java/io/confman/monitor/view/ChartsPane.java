package io.confman.monitor.view;

import io.confman.monitor.model.ChartData;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;

/**
 * The charts tab, two columns: commit index per node and the write rate; Raft log fsync p99 and
 * apply lag per node; snapshot durations against the budget across both columns.
 */
public final class ChartsPane extends GridPane {

    public ChartsPane(ChartData charts) {
        setHgap(4);
        setVgap(4);
        for (int column = 0; column < 2; column++) {
            ColumnConstraints half = new ColumnConstraints();
            half.setPercentWidth(50);
            getColumnConstraints().add(half);
        }
        for (int row = 0; row < 3; row++) {
            RowConstraints third = new RowConstraints();
            third.setPercentHeight(100.0 / 3);
            third.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(third);
        }
        add(chart(ViewIds.COMMIT_CHART, "Commit index per node", "commit index", charts.commitIndex()), 0, 0);
        add(chart(ViewIds.RATE_CHART, "Write rate", "per second", charts.writeRate()), 1, 0);
        add(chart(ViewIds.FSYNC_CHART, "Raft log fsync p99 (ms, last 10 s)", "ms", charts.fsyncMillis()), 0, 1);
        add(chart(ViewIds.APPLY_LAG_CHART, "Apply lag (committed, not applied)", "entries", charts.applyLag()), 1, 1);
        add(chart(ViewIds.SNAPSHOT_CHART, "Snapshot duration (ms) vs budget", "ms", charts.snapshotMillis()), 0, 2, 2, 1);
    }

    private static LineChart<Number, Number> chart(String id, String title, String yLabel,
                                                   ObservableList<XYChart.Series<Number, Number>> data) {
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds since connect");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        y.setForceZeroInRange(!ViewIds.COMMIT_CHART.equals(id));
        LineChart<Number, Number> chart = new LineChart<>(x, y, data);
        chart.setId(id);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(ViewIds.SNAPSHOT_CHART.equals(id));
        chart.setMinHeight(160);
        chart.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        return chart;
    }
}
