package io.confman.launcher.ctl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.codec.backup.BackupReader;
import io.confman.codec.backup.BackupRecord;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ctl commands around the key commands, on one real three-node cluster: a backup built
 * through the reference API's routes ({@code --via-api}) holding what the node's own backup holds
 * (and refusing raw values, which those routes cannot carry); namespaces created,
 * listed and deleted; values written from stdin (a JSON value, and raw bytes streamed as a blob);
 * who may take a backup; and, last, {@code status} once two of the three nodes are gone: the
 * unreachable rows, and exit 6 because the cluster has no quorum.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(90)
class CtlAdminTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalCluster cluster;
    private CtlRunner ctl;

    @BeforeAll
    @Timeout(120)
    void startCluster() {
        cluster = LocalCluster.start(3, Map.of("blob.inlineThresholdBytes", "1024"));
        cluster.awaitLeader(Duration.ofSeconds(60));
        ctl = CtlRunner.of(cluster);
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(0)
    void aBackupThroughTheReferenceRoutesHoldsWhatTheNodesBackupHolds(@TempDir Path dir) throws IOException {
        ctl.run("ns", "create", "admin-ref", "--description", "reference data", "--owner", "team-ref").exits(0);
        ctl.run("put", "admin-ref/flag", "on").exits(0);
        ctl.run("put", "admin-ref/limit", "42", "--type", "number").exits(0);
        ctl.run("put", "admin-ref/mid", "m".repeat(5_000), "--type", "json").exits(0);
        ctl.runWithStdin(("\"" + "é".repeat(1_200_000) + "\"").getBytes(StandardCharsets.UTF_8),
                "put", "admin-ref/big", "-", "--type", "json").exits(0);
        ctl.run("put", "admin-ref-loose/k", "in a namespace never created").exits(0);

        Path native_ = dir.resolve("native.backup");
        Path viaApi = dir.resolve("via-api.backup");
        ctl.run("backup", native_.toString()).exits(0);
        CtlRunner.Result exported = ctl.run("backup", viaApi.toString(), "--via-api").exits(0);
        assertTrue(exported.out().startsWith("backup through the API (not at one revision): 1 namespaces, 5 keys, "
                + "1 blob values"), exported.out());
        assertEquals(contents(native_), contents(viaApi));
        assertTrue(ctl.run("restore", viaApi.toString(), "--force").exits(0).out().contains("every key checked"));

        ctl.runWithStdin(new byte[] {0, (byte) 0xff, 1}, "put", "admin-raw/bin", "--file", "-").exits(0);
        CtlRunner.Result refused = ctl.run("backup", dir.resolve("x.backup").toString(), "--via-api").exits(Ctl.USAGE);
        assertTrue(refused.stderr().contains("admin-raw/bin is a raw value"), refused.stderr());
        for (String ns : List.of("admin-ref", "admin-ref-loose", "admin-raw")) {
            ctl.run("ns", "del", ns);
        }
    }

    /** A backup file's namespaces and, per key, its type and the SHA-256 of its value's bytes. */
    private static Map<String, String> contents(Path backup) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (InputStream in = Files.newInputStream(backup)) {
            BackupReader reader = new BackupReader(in);
            for (BackupRecord record = reader.next(); !(record instanceof BackupRecord.End); record = reader.next()) {
                if (record instanceof BackupRecord.NamespaceRecord(Namespace ns)) {
                    contents.put("namespace " + ns.path(), ns.description() + " / " + ns.owner());
                } else if (record instanceof BackupRecord.EntryRecord(ConfigEntry entry)) {
                    contents.put(entry.namespace() + "/" + entry.key(), entry.type() + " " + (entry.blobBacked()
                            ? entry.blob().sha256() : ClusterWriter.sha256(entry.value())));
                }
            }
        }
        return contents;
    }

    @Test
    @Order(1)
    void namespacesAreCreatedListedAndDeletedWithTheirKeys() throws IOException {
        CtlRunner.Result created = ctl.run("ns", "create", "admin-ns", "--description", "for the test", "--owner", "ops")
                .exits(0);
        assertEquals("OK namespace admin-ns owner ops\n", created.out());
        ctl.run("put", "admin-ns/k", "v").exits(0);
        JsonNode listed = JSON.readTree(ctl.run("ns", "ls", "-o", "json").exits(0).out());
        assertEquals("for the test", listed.findParents("path").stream()
                .filter(ns -> ns.get("path").asText().equals("admin-ns")).findFirst().orElseThrow()
                .get("description").asText());
        assertTrue(ctl.run("ns", "ls").out().lines().anyMatch(line -> line.startsWith("admin-ns ")));

        assertEquals("deleted namespace admin-ns and its keys\n", ctl.run("ns", "del", "admin-ns").exits(0).out());
        ctl.run("get", "admin-ns/k").exits(Ctl.NOT_FOUND);
        ctl.run("ns", "del", "admin-ns").exits(Ctl.NOT_FOUND);
        ctl.run("ns").exits(Ctl.USAGE);
    }

    @Test
    @Order(2)
    void putReadsTheValueOrTheRawBytesFromStdin() {
        String text = "{\"from\": \"stdin\", \"é\": true}\n";
        ctl.runWithStdin(text.getBytes(StandardCharsets.UTF_8), "put", "admin-stdin/json", "-", "--type", "json").exits(0);
        assertEquals(text, ctl.run("get", "admin-stdin/json").out());

        byte[] bytes = new byte[300 * 1024];
        new Random(9).nextBytes(bytes);
        ctl.runWithStdin(bytes, "put", "admin-stdin/raw", "--file", "-").exits(0);
        assertArrayEquals(bytes, ctl.run("get", "admin-stdin/raw").exits(0).stdout());
    }

    @Test
    @Order(3)
    void onlyAnAdminWhoseScopeCoversEveryNamespaceMayTakeABackup() throws Exception {
        ctl.run("put", "admin-backup/k", "v").exits(0);
        LocalCluster.Node node = cluster.nodes().getFirst();
        for (String key : List.of(LocalCluster.READER_KEY, LocalCluster.SCOPED_ADMIN_KEY)) {
            HttpResponse<String> refused = cluster.http().send("GET", node.url("api/v1/backup"), null,
                    Map.of("X-Api-Key", key));
            assertEquals(403, refused.statusCode(), key + ": " + refused.body());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        }
        assertEquals(401, cluster.http().send("GET", node.url("api/v1/backup"), null, Map.of()).statusCode());
        HttpResponse<String> backup = cluster.http().send("GET", node.url("api/v1/backup"), null,
                Map.of("X-Api-Key", LocalCluster.ADMIN_KEY));
        assertEquals(200, backup.statusCode());
        assertTrue(backup.body().startsWith("confman-backup 1\n"), backup.body());
        assertTrue(backup.headers().firstValue("X-Confman-Revision").isPresent());
        ctl.run("backup", "/nonexistent-directory/x.backup").exits(Ctl.USAGE);
    }

    @Test
    @Order(4)
    void statusShowsLagAndExitsSixWithoutQuorum() {
        CtlRunner.Result healthy = ctl.run("status").exits(0);
        List<String> lines = healthy.out().lines().toList();
        assertEquals(List.of("ENDPOINT", "ID", "ROLE", "TERM", "COMMIT", "APPLIED", "LAG", "READY"),
                List.of(lines.getFirst().split(" +")));
        lines.stream().skip(1).forEach(line -> assertTrue(line.split(" +")[6].matches("\\d+"), line));

        List<LocalCluster.Node> nodes = cluster.nodes();
        nodes.get(1).kill();
        nodes.get(2).kill();
        CtlRunner.Result noQuorum = ctl.run("status").exits(Ctl.SERVER_ERROR);
        assertTrue(noQuorum.stderr().contains("no quorum: 1 of 3 members answer"), noQuorum.stderr());
        assertEquals(2, noQuorum.out().lines().filter(line -> line.endsWith("unreachable")).count(), noQuorum.out());
    }
}
