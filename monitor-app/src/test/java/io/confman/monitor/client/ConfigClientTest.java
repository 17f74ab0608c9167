package io.confman.monitor.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.monitor.fixtures.FakeDataNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    private FakeDataNode node;
    private ConfigClient client;

    @BeforeEach
    void startFakeNode() {
        node = new FakeDataNode();
        client = new ConfigClient(node.url(), KEY, TIMEOUTS);
    }

    @AfterEach
    void stop() {
        client.close();
        node.close();
    }

    @Test
    void namespacesAreReadWithTheApiKey() throws Exception {
        List<NamespaceInfo> namespaces = client.namespaces();
        assertEquals(List.of(new NamespaceInfo("prod", "production", "ops", "2025-01-01T00:00:00Z")), namespaces);
        assertEquals(KEY, node.seenKeys().get("/api/v1/namespaces"));
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
        assertArrayEquals(FakeDataNode.BIG_VALUE, Files.readAllBytes(target));
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
