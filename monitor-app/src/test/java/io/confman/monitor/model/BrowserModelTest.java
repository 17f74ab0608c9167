package io.confman.monitor.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.monitor.client.ConfigClient;
import io.confman.monitor.client.ConfigEntry;
import io.confman.monitor.client.Timeouts;
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
 * The browser model against a fake node on 127.0.0.1, with the same-thread executor for both the
 * background work and the FX hand-over, so every action has finished when its call returns:
 * namespaces → entries and audit → an inline value or a blob's details and preview → save to file.
 */
@Timeout(10)
class BrowserModelTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));

    private FakeDataNode node;
    private final BrowserModel browser = new BrowserModel(DirectExecutor.INSTANCE, DirectExecutor.INSTANCE);

    @BeforeEach
    void connect() {
        node = new FakeDataNode();
        browser.use(new ConfigClient(node.url(), "confman_dev_abc123", TIMEOUTS));
        browser.auditLimitProperty().set(5);
    }

    @AfterEach
    void stop() {
        browser.close();
        node.close();
    }

    @Test
    void namespaceSelectionLoadsEntriesAndAuditTrail() {
        browser.refresh();
        assertEquals(List.of("prod"), browser.namespaces().stream().map(ns -> ns.path()).toList());
        browser.selectNamespace("prod");
        assertEquals(List.of("small", "big"), browser.entries().stream().map(ConfigEntry::key).toList());
        assertEquals(1, browser.audit().size());
        assertEquals("2 entries in prod", browser.messageProperty().get());
    }

    @Test
    void theKeySearchNarrowsTheEntriesShownIgnoringCase() {
        browser.selectNamespace("prod");
        browser.keySearchProperty().set("BI");
        assertEquals(List.of("big"), browser.visibleEntries().stream().map(ConfigEntry::key).toList());
        browser.keySearchProperty().set("nothing like it");
        assertEquals(List.of(), browser.visibleEntries());
        browser.keySearchProperty().set(" ");
        assertEquals(List.of("small", "big"), browser.visibleEntries().stream().map(ConfigEntry::key).toList());
    }

    @Test
    void inlineEntryShowsItsValue() {
        browser.selectNamespace("prod");
        browser.selectEntry(browser.entries().get(0));
        assertEquals("v1", browser.valuePreviewProperty().get());
        assertFalse(browser.blobBackedProperty().get());
        assertTrue(browser.entryTitleProperty().get().startsWith("prod / small  v3"));
    }

    @Test
    void blobEntryShowsSizeHashTypeAndAPreviewOfItsHead() {
        browser.selectNamespace("prod");
        browser.selectEntry(browser.entries().get(1));
        assertTrue(browser.blobBackedProperty().get());
        String details = browser.blobDetailsProperty().get();
        assertTrue(details.contains("300000 bytes") && details.contains(FakeDataNode.BIG_SHA) && details.contains("text/plain"), details);
        assertTrue(browser.valuePreviewProperty().get().endsWith("… (first 4096 of 293.0 KiB)"));
    }

    @Test
    void saveStreamsTheSelectedValueToTheChosenFile(@TempDir Path dir) throws Exception {
        browser.selectNamespace("prod");
        browser.selectEntry(browser.entries().get(1));
        Path target = dir.resolve("big.bin");
        browser.saveSelectedValue(target);
        assertArrayEquals(FakeDataNode.BIG_VALUE, Files.readAllBytes(target));
        assertTrue(browser.messageProperty().get().startsWith("Saved 293.0 KiB"));
    }

    @Test
    void failuresBecomeAMessageNotAnException() {
        browser.selectNamespace("nowhere");
        assertEquals("HTTP 404 for api/v1/namespaces/nowhere/audit?limit=5", browser.messageProperty().get());
    }
}
