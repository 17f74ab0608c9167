package io.confman.monitor.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-API client against a small fake node on 127.0.0.1 that serves recorded answers in the
 * shapes of API.md: namespaces, an entry listing whose values are skipped, audit, a ranged preview,
 * a raw value streamed to disk, the API key header, and the user-facing 401 message.
 */
@Timeout(10)
class ConfigClientTest {

    private static final String KEY = "confman_dev_abc123";
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));

    private HttpServer server;
    private final Map<String, String> seenKeys = new ConcurrentHashMap<>();
    private ConfigClient client;

    @BeforeEach
    void startFakeNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/api/v1/namespaces", this::handle);
        server.start();
        client = new ConfigClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), KEY, TIMEOUTS);
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String key = exchange.getRequestHeaders().getFirst("X-Api-Key");
        seenKeys.put(path, key == null ? "" : key);
        if (key == null) {
            send(exchange, 401, "{\"title\":\"Unauthorized\"}");
        } else if (path.equals("/api/v1/namespaces")) {
            send(exchange, 200, "[{\"path\":\"prod\",\"description\":\"production\",\"owner\":\"ops\",\"createdAt\":\"2025-01-01T00:00:00Z\"}]");
        } else if (path.equals("/api/v1/namespaces/prod/config")) {
            String big = "x".repeat(300_000);
            send(exchange, 200, "[{\"namespace\":\"prod\",\"key\":\"small\",\"value\":\"v1\",\"type\":\"string\",\"version\":3,"
                    + "\"updatedAt\":\"2025-01-02T00:00:00Z\",\"updatedBy\":\"Development Admin\"},"
                    + "{\"namespace\":\"prod\",\"key\":\"big\",\"value\":\"" + big + "\",\"type\":\"string\",\"version\":1,"
                    + "\"revision\":77,\"updatedAt\":\"2025-01-03T00:00:00Z\",\"updatedBy\":\"ops\",\"extra\":{\"a\":[1,2]},"
                    + "\"blob\":{\"sha256\":\"" + "ab".repeat(32) + "\",\"size\":300000,\"contentType\":\"text/plain\"}}]");
        } else if (path.equals("/api/v1/namespaces/prod/audit") && "limit=5".equals(query)) {
            send(exchange, 200, "[{\"timestamp\":\"2025-01-03T00:00:00Z\",\"action\":\"config.updated\",\"actor\":\"ops\","
                    + "\"namespace\":\"prod\",\"key\":\"small\",\"oldValue\":\"v0\",\"newValue\":\"v1\",\"version\":3,\"revision\":9}]");
        } else if (path.equals("/api/v1/namespaces/prod/config/big/value")) {
            byte[] body = "0123456789".repeat(30_000).getBytes(StandardCharsets.US_ASCII);
            String range = exchange.getRequestHeaders().getFirst("Range");
            byte[] answer = range == null ? body : java.util.Arrays.copyOf(body, ConfigClient.PREVIEW_BYTES);
            exchange.sendResponseHeaders(range == null ? 200 : 206, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } else {
            send(exchange, 404, "{\"title\":\"Not Found\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void namespacesAreReadWithTheApiKey() throws Exception {
        List<NamespaceInfo> namespaces = client.namespaces();
        assertEquals(List.of(new NamespaceInfo("prod", "production", "ops", "2025-01-01T00:00:00Z")), namespaces);
        assertEquals(KEY, seenKeys.get("/api/v1/namespaces"));
    }

    @Test
    void entryListingKeepsMetadataAndBlobButSkipsValues() throws Exception {
        List<ConfigEntry> entries = client.entries("prod");
        assertEquals(2, entries.size());
        ConfigEntry small = entries.get(0);
        assertEquals("small", small.key());
        assertEquals(3, small.version());
        assertNull(small.value());
        assertFalse(small.blobBacked());
        ConfigEntry big = entries.get(1);
        assertNull(big.value(), "values are never decoded in listings");
        assertTrue(big.blobBacked());
        assertEquals(300_000, big.blob().size());
        assertEquals(77, big.revision());
        assertEquals("ops", big.updatedBy());
    }

    @Test
    void auditTrailAsksForTheLimit() throws Exception {
        List<AuditEvent> audit = client.audit("prod", 5);
        assertEquals(1, audit.size());
        assertEquals("config.updated", audit.get(0).action());
        assertEquals(9, audit.get(0).revision());
    }

    @Test
    void previewReadsOnlyTheFirstBytes() throws Exception {
        assertEquals(ConfigClient.PREVIEW_BYTES, client.preview("prod", "big").length);
    }

    @Test
    void rawValueIsStreamedIntoTheTargetFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("big.txt");
        long written = client.saveValue("prod", "big", target);
        assertEquals(300_000, written);
        assertArrayEquals("0123456789".repeat(30_000).getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(target));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(target), left.toList(), "no partial file is left behind");
        }
    }

    @Test
    void failedDownloadLeavesNoFile(@TempDir Path dir) {
        Path target = dir.resolve("missing.bin");
        ClientException e = assertThrows(ClientException.class, () -> client.saveValue("prod", "missing", target));
        assertEquals(404, e.status());
        assertFalse(Files.exists(target));
    }

    @Test
    void missingKeyGivesAClearMessage() {
        try (ConfigClient anonymous = new ConfigClient(client.node(), " ", TIMEOUTS)) {
            ClientException e = assertThrows(ClientException.class, anonymous::namespaces);
            assertEquals(401, e.status());
            assertTrue(e.getMessage().contains("API key"));
        }
    }
}
