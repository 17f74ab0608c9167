package io.confman.monitor.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import io.confman.monitor.client.ConfigEntry;
import io.confman.monitor.logic.MonitorSettings;
import io.confman.monitor.model.BrowserModel;
import io.confman.monitor.model.MonitorSession;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The browser against a real three-node cluster (the launcher's {@link LocalCluster}: nodes as
 * processes on 127.0.0.1), with the monitor's own session wiring: after the namespace is selected
 * once, keys written by someone else appear, change and disappear without any refresh, from the
 * watch stream; and when the node the browser watches is killed, the stream moves to another node
 * and later writes still appear. One thread stands for the FX thread (every model read goes
 * through it), another for the browser's background work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class LiveBrowserClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration ELECTION = Duration.ofSeconds(60);

    private LocalCluster cluster;
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private MonitorSession session;

    @BeforeAll
    void startCluster() {
        cluster = LocalCluster.start(3);
        cluster.awaitLeader(ELECTION);
    }

    @AfterAll
    void stopCluster() {
        ui.shutdownNow();
        background.shutdownNow();
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        List<URI> nodes = cluster.nodes().stream().map(node -> URI.create(node.baseUrl())).toList();
        MonitorSettings settings = MonitorSettings.defaults().with(nodes, LocalCluster.READER_KEY, Duration.ofSeconds(1));
        session = onUi(() -> new MonitorSession(ui, background, Clock.systemUTC()));
        onUi(() -> {
            session.connect(settings);
            return null;
        });
    }

    @AfterEach
    void disconnect() throws Exception {
        onUi(() -> {
            session.close();
            return null;
        });
    }

    @Test
    void keysWrittenElsewhereAppearChangeAndGoWithoutARefresh() throws Exception {
        Node writer = cluster.nodes().getLast();
        put(writer, "live-a", "existing", "1");
        BrowserModel browser = session.browser();
        onUi(() -> {
            browser.selectNamespace("live-a");
            return null;
        });
        awaitKeys(browser, List.of("existing"));
        awaitLive(browser);

        put(writer, "live-a", "fresh", "first");
        awaitKeys(browser, List.of("existing", "fresh"));
        assertEquals(1, entry(browser, "fresh").version());

        put(writer, "live-a", "fresh", "second");
        await("fresh at version 2", () -> entry(browser, "fresh").version() == 2);

        delete(writer, "live-a", "existing");
        awaitKeys(browser, List.of("fresh"));
    }

    @Test
    void theStreamMovesToAnotherNodeWhenItsNodeIsKilled() throws Exception {
        Node watched = cluster.nodes().getFirst();
        BrowserModel browser = session.browser();
        put(cluster.nodes().getLast(), "live-b", "before", "1");
        onUi(() -> {
            browser.selectNamespace("live-b");
            return null;
        });
        awaitKeys(browser, List.of("before"));
        awaitLive(browser);
        assertEquals(URI.create(watched.baseUrl()), onUi(browser::node));

        watched.kill();
        cluster.awaitLeader(ELECTION);
        put(cluster.nodes().getLast(), "live-b", "after", "2");
        awaitKeys(browser, List.of("after", "before"));

        cluster.start(watched);
        cluster.awaitLeader(ELECTION);
    }

    private void awaitLive(BrowserModel browser) throws Exception {
        await("the watch stream open", () -> browser.messageProperty().get().contains("live")
                || browser.messageProperty().get().startsWith("Live"));
    }

    private void awaitKeys(BrowserModel browser, List<String> keys) throws Exception {
        await("keys " + keys, () -> browser.entries().stream().map(ConfigEntry::key).toList().equals(keys));
    }

    private static ConfigEntry entry(BrowserModel browser, String key) {
        return browser.entries().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    }

    /** Waits until {@code condition}, read on the UI thread, holds; no refresh is ever asked for. */
    private void await(String what, Callable<Boolean> condition) throws Exception {
        LocalCluster.await(WAIT, what, () -> {
            try {
                return Boolean.TRUE.equals(onUi(condition)) ? Optional.of(true) : Optional.empty();
            } catch (Exception e) {
                return Optional.empty();
            }
        });
    }

    private <T> T onUi(Callable<T> read) throws Exception {
        return ui.submit(read).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private void put(Node node, String namespace, String key, String value) {
        HttpResponse<String> response = cluster.http().send("PUT",
                node.url("api/v1/namespaces/" + namespace + "/config/" + key), "{\"value\":\"" + value + "\"}",
                Map.of("X-Api-Key", LocalCluster.ADMIN_KEY, "Content-Type", "application/json"));
        assertEquals(200, response.statusCode(), response::body);
    }

    private void delete(Node node, String namespace, String key) {
        HttpResponse<String> response = cluster.http().send("DELETE",
                node.url("api/v1/namespaces/" + namespace + "/config/" + key), null,
                Map.of("X-Api-Key", LocalCluster.ADMIN_KEY));
        assertTrue(response.statusCode() == 200 || response.statusCode() == 204, response::body);
    }
}
