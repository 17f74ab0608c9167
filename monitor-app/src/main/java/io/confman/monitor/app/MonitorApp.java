package io.confman.monitor.app;

import io.confman.monitor.logic.MonitorSettings;
import io.confman.monitor.model.ConnectionForm;
import io.confman.monitor.model.MonitorSession;
import io.confman.monitor.view.MainView;
import java.time.Clock;
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
        stage.setTitle("Confman Monitor");
        stage.setScene(view.scene());
        stage.show();
        session.connect(settings);
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
