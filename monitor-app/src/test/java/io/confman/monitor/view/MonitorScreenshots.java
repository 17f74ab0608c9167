package io.confman.monitor.view;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.monitor.client.ConfigEntry;
import io.confman.monitor.client.NamespaceInfo;
import io.confman.monitor.fixtures.PngFile;
import io.confman.monitor.logic.MonitorSettings;
import io.confman.monitor.model.ConnectionForm;
import io.confman.monitor.model.MonitorSession;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Takes the README's screenshots of the real window (headless, as the other view tests) watching
 * a live cluster; not a test of its own (the name keeps it out of the default run). Run it while
 * {@code ./confman up} serves the local cluster and something writes to it:
 *
 * <pre>
 * mvn verify -pl monitor-app -Dtest=MonitorScreenshots -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dconfman.screenshots.dir=$PWD/docs/screenshots
 * </pre>
 *
 * It connects with the reader key, lets the charts fill for {@code confman.screenshots.seconds}
 * (45), saves the cluster tab ({@code monitor-healthy.png}), the charts and the browser on
 * namespace {@code confman.screenshots.namespace} ({@code payments}) with its entry
 * {@code confman.screenshots.entry} ({@code fraud-model}) selected; then it waits up to three
 * minutes for the status DEGRADED — kill the leader with {@code kill -9} once
 * {@code monitor-browser.png} is written — and saves {@code monitor-after-leader-kill.png}.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(600)
class MonitorScreenshots {

    private static final String DIR = System.getProperty("confman.screenshots.dir", "");
    private static final List<URI> NODES = Arrays.stream(System.getProperty("confman.screenshots.nodes",
            "http://127.0.0.1:6100/,http://127.0.0.1:6200/,http://127.0.0.1:6300/").split(",")).map(URI::create).toList();

    private MonitorSession session;
    private ExecutorService background;
    private Stage stage;

    @Start
    void start(Stage window) {
        stage = window;
        background = Executors.newSingleThreadExecutor();
        session = new MonitorSession(Platform::runLater, background, Clock.systemDefaultZone());
        ConnectionForm form = new ConnectionForm(session);
        MonitorSettings settings = MonitorSettings.defaults().with(NODES,
                System.getProperty("confman.screenshots.apiKey", "confman_dev_reader"), Duration.ofSeconds(1));
        form.load(settings);
        window.setScene(new MainView(session, form).scene());
        window.setWidth(MainView.WIDTH);
        window.setHeight(MainView.HEIGHT);
        window.show();
        // No text field focused (its selection would show in every picture).
        window.getScene().getRoot().requestFocus();
        session.connect(settings);
    }

    @AfterEach
    void stop() throws Exception {
        // On the FX thread, as the application does: hand-overs queued there then find the session closed.
        onFx(() -> {
            session.close();
            return null;
        });
        background.shutdownNow();
        FxToolkit.cleanupStages();
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }

    private static void waitUntil(long seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    private String status(FxRobot robot) throws Exception {
        return onFx(() -> robot.lookup("#" + ViewIds.STATUS).queryAs(Labeled.class).getText());
    }

    private void tab(FxRobot robot, int index) throws Exception {
        onFx(() -> {
            robot.lookup(".tab-pane").queryAs(TabPane.class).getSelectionModel().select(index);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
    }

    private Path save(String name) throws Exception {
        Path file = Path.of(DIR, name);
        PngFile.write(onFx(() -> {
            Scene scene = stage.getScene();
            return scene.snapshot(null);
        }), file);
        assertTrue(Files.size(file) > 10_000, file + " is an image");
        return file;
    }

    @Test
    void screenshotsOfALiveLocalCluster(FxRobot robot) throws Exception {
        Assumptions.assumeFalse(DIR.isBlank(), "set confman.screenshots.dir to take the screenshots");
        waitUntil(60, () -> "HEALTHY".equals(status(robot)));
        WaitForAsyncUtils.sleep(Long.getLong("confman.screenshots.seconds", 45), TimeUnit.SECONDS);
        tab(robot, 0);
        save("monitor-healthy.png");
        tab(robot, 1);
        save("monitor-charts.png");

        tab(robot, 2);
        String namespace = System.getProperty("confman.screenshots.namespace", "payments");
        String key = System.getProperty("confman.screenshots.entry", "fraud-model");
        waitUntil(30, () -> onFx(() -> session.browser().namespaces().stream().map(NamespaceInfo::path)
                .anyMatch(namespace::equals)));
        onFx(() -> {
            ListView<NamespaceInfo> list = robot.lookup("#" + ViewIds.NAMESPACE_LIST).queryListView();
            list.getSelectionModel().select(list.getItems().stream().filter(ns -> ns.path().equals(namespace))
                    .findFirst().orElseThrow());
            return null;
        });
        waitUntil(30, () -> onFx(() -> session.browser().entries().stream().anyMatch(e -> e.key().equals(key))));
        onFx(() -> {
            TableView<ConfigEntry> table = robot.lookup("#" + ViewIds.ENTRY_TABLE).queryTableView();
            ConfigEntry entry = table.getItems().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
            table.getSelectionModel().select(entry);
            table.scrollTo(0);
            return null;
        });
        waitUntil(30, () -> onFx(() -> !session.browser().valuePreviewProperty().get().startsWith("Loading")));
        WaitForAsyncUtils.sleep(3, TimeUnit.SECONDS);
        save("monitor-browser.png");

        tab(robot, 0);
        waitUntil(180, () -> "DEGRADED".equals(status(robot)));
        WaitForAsyncUtils.sleep(4, TimeUnit.SECONDS);
        save("monitor-after-leader-kill.png");
    }
}
