package io.confman.monitor.view;

import io.confman.monitor.model.ConnectionForm;
import io.confman.monitor.model.MonitorSession;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

/** The whole window's content: connection bar on top, tabs for cluster, charts and browser. */
public final class MainView extends BorderPane {

    /** Default window size. */
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    public MainView(MonitorSession session, ConnectionForm form) {
        setTop(new ConnectionBar(form));
        Tab cluster = new Tab("Cluster", new ClusterPane(session.overview()));
        Tab charts = new Tab("Charts", new ChartsPane(session.overview().charts()));
        Tab browser = new Tab("Browser", new BrowserPane(session.browser(), session::refreshBrowser));
        TabPane tabs = new TabPane(cluster, charts, browser);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        browser.setOnSelectionChanged(event -> {
            if (browser.isSelected() && session.browser().namespaces().isEmpty()) {
                session.refreshBrowser();
            }
        });
        setCenter(tabs);
    }

    /** A scene of the default size with the monitor's style sheet. */
    public Scene scene() {
        Scene scene = new Scene(this, WIDTH, HEIGHT);
        scene.getStylesheets().add(MainView.class.getResource("monitor.css").toExternalForm());
        return scene;
    }
}
