package io.confman.monitor.model;

import io.confman.monitor.client.ConfigClient;
import io.confman.monitor.client.NamespaceWatch;
import io.confman.monitor.client.Timeouts;
import io.confman.monitor.logic.MonitorSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One connection to a cluster: the overview model fed by the poller, and the browser reading
 * from a node that answers. {@link #connect} replaces the previous connection.
 *
 * <p>Thread contract: all methods on the FX thread; the poller and browser hand results back
 * through {@code uiExecutor}. {@link #close} stops the poller thread and closes HTTP clients.
 */
public final class MonitorSession implements AutoCloseable {

    /** Timeouts of the browser's JSON calls (user-triggered, not tied to the poll interval). */
    public static final Timeouts BROWSER_TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));

    private final MonitorModel overview;
    private final BrowserModel browser;
    private final ClusterPoller poller;
    private MonitorSettings settings;

    /**
     * @param uiExecutor runs hand-overs on the FX thread ({@link DirectExecutor} in tests)
     * @param background runs the browser's blocking calls
     * @param clock      stamps poll rounds; its zone formats times
     */
    public MonitorSession(Executor uiExecutor, Executor background, Clock clock) {
        this.overview = new MonitorModel(clock.getZone());
        this.browser = new BrowserModel(background, uiExecutor);
        this.poller = new ClusterPoller(uiExecutor, clock, overview::apply);
    }

    /** Polls these nodes from now on and points the browser at the first of them. */
    public void connect(MonitorSettings newSettings) {
        settings = newSettings;
        overview.reset(newSettings.nodes(), newSettings.snapshotBudget());
        poller.start(newSettings.nodes(), newSettings.pollInterval());
        useNode(newSettings.nodes().get(0));
    }

    /** Points the browser at {@code node}; its watch streams start there and move on when it fails. */
    private void useNode(URI node) {
        List<URI> nodes = settings.nodes();
        String apiKey = settings.apiKey();
        browser.use(new ConfigClient(node, apiKey, BROWSER_TIMEOUTS), new WatchSource() {
            @Override
            public NamespaceWatch open(String namespace, URI first, NamespaceWatch.Listener listener) {
                return NamespaceWatch.start(nodes, Math.max(0, nodes.indexOf(first)), apiKey, namespace, listener, BROWSER_TIMEOUTS);
            }

            @Override
            public ConfigClient reader(URI other) {
                return new ConfigClient(other, apiKey, BROWSER_TIMEOUTS);
            }
        });
    }

    /**
     * Reloads the browser's namespaces, first moving it to a node that answered the last poll
     * round if its current node did not.
     */
    public void refreshBrowser() {
        if (settings == null) {
            return;
        }
        URI current = browser.node();
        boolean currentOffline = overview.nodes().stream()
                .anyMatch(row -> row.url().equals(current) && row.offlineProperty().get());
        if (currentOffline) {
            overview.nodes().stream().filter(row -> !row.offlineProperty().get()).findFirst()
                    .ifPresent(row -> useNode(row.url()));
        }
        browser.refresh();
    }

    /** The settings of the current connection, or null before the first. */
    public MonitorSettings settings() {
        return settings;
    }

    public MonitorModel overview() {
        return overview;
    }

    public BrowserModel browser() {
        return browser;
    }

    @Override
    public void close() {
        poller.close();
        browser.close();
    }
}
