package io.confman.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.confman.codec.wire.HealthReport;
import io.confman.codec.wire.MemberView;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Members change at run time on a real cluster (separate node processes on 127.0.0.1): a fourth
 * node started empty is added through {@code /api/v1/cluster/members}, receives the data (config
 * entries and blobs) as a non-voter and becomes a voting follower by itself; then the leader and
 * another member are removed, and writes go on succeeding on the members left.
 */
@Timeout(300)
class RuntimeMembershipTest {
    private static final Duration ELECTION = Duration.ofSeconds(60);
    /** The bound the local `./confman add-node` promises for a new node to vote with the data. */
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final String NAMESPACE = "members";
    private static final String MEMBERS = "api/v1/cluster/members";
    private static final int BLOB_VALUE_CHARS = 8 * 1024;

    @Test
    void addedNodeCatchesUpAndVotesAndRemovingTheLeaderKeepsTheClusterWritable() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3, Map.of("blob.inlineThresholdBytes", "1024",
                "blob.reconcileIntervalMillis", "500"))) {
            ClusterCalls calls = new ClusterCalls(cluster);
            Node leader = cluster.awaitLeader(ELECTION);
            for (int i = 0; i < 20; i++) {
                assertEquals(200, calls.put(leader, NAMESPACE, "k" + i, "v" + i).orElseThrow().statusCode());
            }
            String large = "x".repeat(BLOB_VALUE_CHARS);
            HttpResponse<String> blobPut = cluster.http().send("PUT", leader.url("api/v1/namespaces/" + NAMESPACE
                    + "/config/large/value"), large, Map.of("X-Api-Key", LocalCluster.ADMIN_KEY, "Content-Type",
                    "text/plain"));
            assertEquals(200, blobPut.statusCode(), blobPut.body());

            Node added = cluster.newNode();
            Path config = cluster.dir().resolve("with-" + added.id() + ".yaml");
            cluster.writeBaseConfig(config, cluster.memberYaml(cluster.nodes()));
            cluster.start(added, config);
            HttpResponse<String> add = members(cluster, "POST", leader, MEMBERS, """
                    {"id":"%s","url":"%s","raftAddress":"127.0.0.1:%d"}""".formatted(added.id(), added.baseUrl(),
                    added.raftPort()));
            assertEquals(200, add.statusCode(), add.body());
            assertTrue(memberIds(add).contains(added.id()), add.body());

            long started = System.nanoTime();
            HealthReport voting = cluster.awaitHealth(added, CATCH_UP, "votes with the data",
                    r -> r.ready() && votes(r, added.id()) && r.blobs() != null && r.blobs().missing() == 0
                            && r.blobs().count() >= 1);
            System.out.printf("%s voted with the data %d ms after it was added (applied index %d)%n", added.id(),
                    (System.nanoTime() - started) / 1_000_000, voting.cluster().appliedIndex());
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> read = calls.get(added, NAMESPACE, "k" + i, null);
                assertEquals("v" + i, ClusterCalls.json(read).path("value").asText(), read.body());
            }
            HttpResponse<String> blobRead = cluster.http().send("GET", added.url("api/v1/namespaces/" + NAMESPACE
                    + "/config/large/value"), null, Map.of("X-Api-Key", LocalCluster.ADMIN_KEY));
            assertEquals(large, blobRead.body());
            for (Node node : cluster.nodes()) {
                cluster.awaitHealth(node, ELECTION, "lists four voters", r -> r.cluster().members().size() == 4
                        && r.cluster().members().stream().allMatch(m -> Boolean.TRUE.equals(m.voting())));
            }

            Node current = cluster.awaitLeader(ELECTION);
            Node other = cluster.nodes().stream().filter(n -> n != current && n != added).findFirst().orElseThrow();
            HttpResponse<String> removeLeader = members(cluster, "DELETE", other, MEMBERS + "/" + current.id(), null);
            assertEquals(200, removeLeader.statusCode(), removeLeader.body());
            assertFalse(memberIds(removeLeader).contains(current.id()), removeLeader.body());
            current.kill();
            assertWritable(cluster, calls, other, "after-leader-removed");

            HttpResponse<String> removeAnother = members(cluster, "DELETE", added, MEMBERS + "/" + other.id(), null);
            assertEquals(200, removeAnother.statusCode(), removeAnother.body());
            other.kill();
            assertWritable(cluster, calls, added, "after-two-removed");
            HttpResponse<String> list = members(cluster, "GET", added, MEMBERS, null);
            assertEquals(2, memberIds(list).size(), list.body());

            HttpResponse<String> unknown = members(cluster, "DELETE", added, MEMBERS + "/" + current.id(), null);
            assertEquals(404, unknown.statusCode(), unknown.body());
            HttpResponse<String> bad = members(cluster, "POST", added, MEMBERS, "{\"id\":\"x\",\"url\":\"ftp://h/\"}");
            assertEquals(400, bad.statusCode(), bad.body());
            HttpResponse<String> reader = cluster.http().send("DELETE", added.url(MEMBERS + "/" + added.id()), null,
                    Map.of("X-Api-Key", LocalCluster.READER_KEY));
            assertEquals(403, reader.statusCode(), reader.body());
        }
    }

    /** A new leader is elected among the members left and a write through {@code via} succeeds. */
    private static void assertWritable(LocalCluster cluster, ClusterCalls calls, Node via, String key) {
        cluster.awaitLeader(ELECTION);
        HttpResponse<String> write = LocalCluster.await(ELECTION, "a write through " + via.id(), () ->
                calls.put(via, NAMESPACE, key, "ok").filter(r -> r.statusCode() == 200));
        assertEquals(200, write.statusCode());
        assertEquals("ok", ClusterCalls.json(calls.get(via, NAMESPACE, key, null)).path("value").asText());
    }

    private static boolean votes(HealthReport report, String id) {
        return report.cluster().members().stream().filter(m -> m.id().equals(id)).map(MemberView::voting)
                .anyMatch(Boolean.TRUE::equals);
    }

    private static HttpResponse<String> members(LocalCluster cluster, String method, Node node, String path,
                                                String body) {
        return cluster.http().send(method, node.url(path), body, body == null
                ? Map.of("X-Api-Key", LocalCluster.ADMIN_KEY)
                : Map.of("X-Api-Key", LocalCluster.ADMIN_KEY, "Content-Type", "application/json"));
    }

    private static List<String> memberIds(HttpResponse<String> response) {
        JsonNode list = ClusterCalls.json(response);
        return StreamSupport.stream(list.spliterator(), false).map(m -> m.path("id").asText()).toList();
    }
}
