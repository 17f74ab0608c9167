package io.confman.launcher.api;

import static io.confman.launcher.api.ApiClient.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Idle connections and clients that stall or leave in the middle of a request body, on one shared
 * three-node cluster: the node closes an idle connection and cuts a stalled body off after the idle
 * timeout, and either way removes what it had begun (the log says so, no blob temp file stays on
 * any node's disk) and changes nothing, which every test checks by comparing the cluster's full
 * listing before and after. The other hostile
 * requests, which need no disk, log or replication, are the web module's HostileInputTest.
 */
@Timeout(60)
class AbandonedBodyTest extends OneClusterPerClass {
    private static final String KEY_PATH = "/api/v1/namespaces/hostile/config/k";
    private static final long IDLE_TIMEOUT_MILLIS = 3_000;

    @Override
    Map<String, String> clusterSettings() {
        return Map.of("http.idleTimeoutMillis", Long.toString(IDLE_TIMEOUT_MILLIS));
    }

    @BeforeAll
    @Timeout(120)
    void createTheTargetNamespaceAndKey() {
        assertEquals(200, api.send(leader, "PUT", "/api/v1/namespaces/hostile", "{}", ADMIN).statusCode());
        assertEquals(200, api.send(leader, "PUT", KEY_PATH, "{\"value\":\"original\"}", ADMIN).statusCode());
    }

    @Test
    void aBodyThatStallsIsCutOffAfterTheIdleTimeoutAndNothingIsStored() throws IOException {
        abandonBothPuts("{\"value\":\"", "abandoned by the client: the request body stalled", (socket, path) -> {
            socket.setSoTimeout(30_000);
            long started = System.nanoTime();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMillis >= IDLE_TIMEOUT_MILLIS - 500 && tookMillis < 5 * IDLE_TIMEOUT_MILLIS,
                    path + " was cut off after " + tookMillis + " ms");
            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 408"), answer);
        });
    }

    @Test
    void aBodyCutShortByTheClientStoresNothing() throws IOException {
        // The client closes the connection at once (the socket's try block ends).
        abandonBothPuts("{\"value\":\"cut", "abandoned by the client: the connection closed before",
                (socket, path) -> { });
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), leader.httpPort())) {
            socket.setSoTimeout(30_000);
            long started = System.nanoTime();
            assertEquals(-1, socket.getInputStream().read(), "the node closes the connection without a word");
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            // Helidon looks for idle connections every quarter of the timeout, at its own
            // granularity (2.4 s seen for 3 s): the bounds are "not at once" and "not much later".
            assertTrue(tookMillis >= IDLE_TIMEOUT_MILLIS / 2 && tookMillis < 5 * IDLE_TIMEOUT_MILLIS,
                    "closed after " + tookMillis + " ms");
        }
    }

    /** A PUT announcing a 100,000-byte body, of which only {@code bodyStart} follows. */
    private static byte[] startOfLongPut(String path, String bodyStart) {
        return ("PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + ADMIN
                + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n" + bodyStart)
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** What a test client does on its socket after sending the start of a long PUT to {@code path}. */
    private interface Abandon {
        void after(Socket socket, String path) throws IOException;
    }

    /**
     * Starts a long PUT of a JSON value and of a raw value, each beginning with {@code bodyStart},
     * and abandons each as {@code abandon} says. Then checks that both requests were logged with
     * {@code phrase}, which each logs only after removing what it had begun, and that nothing was
     * stored on any node.
     */
    private void abandonBothPuts(String bodyStart, String phrase, Abandon abandon) throws IOException {
        int loggedBefore = timesLogged(phrase);
        String before = listing();
        for (String path : new String[] {KEY_PATH, KEY_PATH + "/value"}) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), leader.httpPort())) {
                socket.getOutputStream().write(startOfLongPut(path, bodyStart));
                abandon.after(socket, path);
            }
        }
        awaitLogged(loggedBefore + 2, phrase);
        assertEquals(before, listing());
        assertNoBlobTempFiles();
    }

    /** Waits until the leader's log holds {@code phrase} at least {@code times} times. */
    private void awaitLogged(int times, String phrase) {
        LocalCluster.await(Duration.ofSeconds(10), times + " log lines with '" + phrase + "'", () ->
                timesLogged(phrase) >= times ? Optional.of(true) : Optional.empty());
    }

    private int timesLogged(String phrase) {
        return leader.log().split(Pattern.quote(phrase), -1).length - 1;
    }

    private void assertNoBlobTempFiles() throws IOException {
        for (Node node : cluster.nodes()) {
            Path tmp = node.dataDir().resolve("blobs").resolve("tmp");
            try (Stream<Path> files = Files.exists(tmp) ? Files.list(tmp) : Stream.empty()) {
                assertEquals(List.of(), files.toList(), "temp files left on " + node.id());
            }
        }
    }

    /** Every namespace and config on the leader (linearizable), as one comparable string. */
    private String listing() {
        HttpResponse<String> namespaces = api.send(leader, "GET", "/api/v1/namespaces", null, ADMIN);
        HttpResponse<String> configs = api.send(leader, "GET", "/api/v1/configs", null, ADMIN);
        assertEquals(200, namespaces.statusCode(), () -> describe(namespaces));
        assertEquals(200, configs.statusCode(), () -> describe(configs));
        return namespaces.body() + "\n" + configs.body();
    }
}
