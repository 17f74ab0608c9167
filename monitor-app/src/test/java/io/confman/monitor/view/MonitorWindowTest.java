package io.confman.monitor.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.confman.monitor.fixtures.RecordedCluster;
import io.confman.monitor.logic.MonitorSettings;
import io.confman.monitor.model.ConnectionForm;
import io.confman.monitor.model.DirectExecutor;
import io.confman.monitor.model.MonitorSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window, headless (TestFX + Monocle), fed by three recorded nodes on 127.0.0.1 that
 * answer {@code /health/ready} with scripted reports. Checks what a user would read on screen:
 * one table row per node, the status text, an election in the timeline after the recorded answers
 * switch leader and term, OFFLINE (then NO QUORUM) after nodes' servers stop, and the charts tab's
 * per-node series.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(60)
class MonitorWindowTest {

    private static final Duration INTERVAL = Duration.ofMillis(250);
    private static final long WAIT_SECONDS = 10;

    private RecordedCluster cluster;
    private MonitorSession session;

    @Start
    void start(Stage stage) {
        cluster = new RecordedCluster(3);
        cluster.healthy("node1", 3, 40);
        session = new MonitorSession(Platform::runLater, DirectExecutor.INSTANCE, Clock.systemDefaultZone());
        ConnectionForm form = new ConnectionForm(session);
        MonitorSettings settings = MonitorSettings.defaults().with(cluster.urls(), "", INTERVAL);
        form.load(settings);
        stage.setScene(new MainView(session, form).scene());
        stage.show();
        session.connect(settings);
    }

    @AfterEach
    void stop() throws TimeoutException {
        session.close();
        cluster.close();
        FxToolkit.cleanupStages();
    }

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
    }

    /** Reads the scene graph on the FX thread: it changes there, and lookups elsewhere race with it. */
    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static String labelText(FxRobot robot, String id) throws Exception {
        return onFx(() -> robot.lookup("#" + id).queryAs(Labeled.class).getText());
    }

    private static String statusText(FxRobot robot) throws Exception {
        return labelText(robot, ViewIds.STATUS);
    }

    /** Texts of the visible cells of one table, as the user sees them. */
    private static List<String> cellTexts(FxRobot robot, String tableId) throws Exception {
        return onFx(() -> robot.lookup("#" + tableId + " .table-cell").queryAllAs(TableCell.class).stream()
                .map(TableCell::getText).filter(text -> text != null && !text.isEmpty()).toList());
    }

    @Test
    void showsOneRowPerNodeAndHealthyStatus(FxRobot robot) throws Exception {
        waitUntil(() -> "HEALTHY".equals(statusText(robot)));
        assertEquals(3, (int) onFx(() -> robot.lookup("#" + ViewIds.NODE_TABLE).queryTableView().getItems().size()));
        waitUntil(() -> cellTexts(robot, ViewIds.NODE_TABLE).containsAll(List.of("node1", "node2", "node3", "leader")));
        // Waited for, not read once: one round whose probes all miss their deadline shows no leader.
        waitUntil(() -> "node1".equals(labelText(robot, ViewIds.LEADER)));
        waitUntil(() -> "3".equals(labelText(robot, ViewIds.TERM)));
    }

    @Test
    void electionAppearsInTimelineWhenLeaderAndTermChange(FxRobot robot) throws Exception {
        waitUntil(() -> "HEALTHY".equals(statusText(robot)));
        cluster.healthy("node2", 4, 41);
        waitUntil(() -> cellTexts(robot, ViewIds.TIMELINE).contains("Election: term 3 → 4, leader node1 → node2"));
        waitUntil(() -> "node2".equals(labelText(robot, ViewIds.LEADER)));
        waitUntil(() -> "4".equals(labelText(robot, ViewIds.TERM)));
    }

    @Test
    void stoppedNodesTurnOfflineThenQuorumIsLost(FxRobot robot) throws Exception {
        waitUntil(() -> "HEALTHY".equals(statusText(robot)));
        cluster.stop(2);
        waitUntil(() -> cellTexts(robot, ViewIds.NODE_TABLE).contains("OFFLINE"));
        waitUntil(() -> "DEGRADED".equals(statusText(robot)));
        waitUntil(() -> cellTexts(robot, ViewIds.TIMELINE).stream().anyMatch(t -> t.startsWith("node3 OFFLINE")));
        cluster.stop(1);
        waitUntil(() -> "NO QUORUM".equals(statusText(robot)));
        waitUntil(() -> cellTexts(robot, ViewIds.NODE_TABLE).stream().filter("OFFLINE"::equals).count() == 2);
    }

    @Test
    void theChartsTabShowsApplyLagAndFsyncPerNode(FxRobot robot) throws Exception {
        waitUntil(() -> "HEALTHY".equals(statusText(robot)));
        onFx(() -> {
            robot.lookup(".tab-pane").queryAs(TabPane.class).getSelectionModel().select(1);
            return null;
        });
        waitUntil(() -> onFx(() -> {
            LineChart<?, ?> lag = robot.lookup("#" + ViewIds.APPLY_LAG_CHART).queryAs(LineChart.class);
            LineChart<?, ?> fsync = robot.lookup("#" + ViewIds.FSYNC_CHART).queryAs(LineChart.class);
            return lag.isVisible() && lag.getData().size() == 3 && !lag.getData().getFirst().getData().isEmpty()
                    && "node1".equals(lag.getData().getFirst().getName()) && fsync.getData().size() == 3;
        }));
    }

    @Test
    void theNodeTableFitsA1280PixelWideWindowWithItsDetailColumn(FxRobot robot) throws Exception {
        waitUntil(() -> "HEALTHY".equals(statusText(robot)));
        onFx(() -> {
            Stage stage = (Stage) robot.lookup("#" + ViewIds.NODE_TABLE).query().getScene().getWindow();
            stage.setWidth(1280);
            stage.setHeight(800);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> onFx(() -> {
            TableView<?> table = robot.lookup("#" + ViewIds.NODE_TABLE).queryTableView();
            TableColumn<?, ?> detail = table.getColumns().getLast();
            double columns = table.getColumns().stream().mapToDouble(TableColumn::getWidth).sum();
            return "Detail".equals(detail.getText()) && table.getWidth() > 1_000 && columns <= table.getWidth()
                    && detail.getWidth() >= 100;
        }));
    }
}
