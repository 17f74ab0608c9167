package io.confman.launcher.ctl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confman.launcher.testkit.LocalCluster;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The ctl commands around the key commands, on one real three-node cluster: namespaces created,
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
