package io.confman.monitor.app;

import io.confman.monitor.logic.MonitorSettings;
import io.confman.monitor.model.ConnectionForm;
import io.confman.monitor.model.MonitorSession;
import io.confman.monitor.view.MainView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application: wires a {@link MonitorSession} (FX thread executor, a background thread
 * for the browser, the system clock), shows the window and connects with the launch settings.
 */
public final class MonitorApp extends Application {

    /** Set this system property to print how long the JVM took to show the window. */
    public static final String REPORT_STARTUP = "confman.monitor.reportStartup";

    private MonitorSession session;
    private ExecutorService background;

    @Override
    public void start(Stage stage) {
        MonitorSettings settings = LaunchOptions.parse(getParameters().getRaw(), System.getenv());
        background = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "confman-browser");
            thread.setDaemon(true);
            return thread;
        });
        session = new MonitorSession(Platform::runLater, background, Clock.systemDefaultZone());
        ConnectionForm form = new ConnectionForm(session);
        form.load(settings);
        MainView view = new MainView(session, form);
        stage.setTitle("Confman Monitor — " + settings.nodes().size() + " nodes");
        stage.setScene(view.scene());
        stage.setOnShown(event -> reportStartup());
        stage.show();
        session.connect(settings);
    }

    private static void reportStartup() {
        if (Boolean.getBoolean(REPORT_STARTUP)) {
            ProcessHandle.current().info().startInstant().ifPresent(started -> System.err.println(
                    "confman-monitor: window shown " + Duration.between(started, Instant.now()).toMillis()
                            + " ms after JVM start"));
        }
    }

    @Override
    public void stop() {
        if (session != null) {
            session.close();
        }
        if (background != null) {
            background.shutdownNow();
        }
    }
}
