package io.confman.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reads are linearizable by default: a write acknowledged by any node is visible on every node
 * right after; a read that cannot be confirmed (no quorum) answers 503 with Retry-After instead of
 * stale data; {@code ?consistency=stale} serves local state and is the only way to get it; a write
 * without a quorum answers 503 problem+json with Retry-After and changes nothing.
 */
@Timeout(240)
class LinearizableReadTest {
    private static final Duration ELECTION = Duration.ofSeconds(60);
    private static final String NAMESPACE = "linear";

    @Test
    void writeAcknowledgedByAnyNodeIsVisibleOnEveryNodeImmediately() {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            ClusterCalls calls = new ClusterCalls(cluster);
            cluster.awaitLeader(ELECTION);
            for (int round = 0; round < 20; round++) {
                Node writer = cluster.nodes().get(round % 3);
                String value = "v" + round;
                HttpResponse<String> put = calls.put(writer, NAMESPACE, "k", value).orElseThrow();
                assertEquals(200, put.statusCode(), put::body);
                long version = ClusterCalls.json(put).path("version").asLong();
                for (Node reader : cluster.nodes()) {
                    HttpResponse<String> get = calls.get(reader, NAMESPACE, "k", null);
                    assertEquals(200, get.statusCode(), get::body);
                    assertEquals(value, ClusterCalls.json(get).path("value").asText(),
                            "round " + round + ": written via " + writer.id() + ", read on " + reader.id());
                    assertEquals(version, ClusterCalls.json(get).path("version").asLong());
                }
            }
        }
    }

    @Test
    void withoutQuorumDefaultReadsAnswer503AndOnlyStaleReadsServeLocalState() {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            ClusterCalls calls = new ClusterCalls(cluster);
            Node leader = cluster.awaitLeader(ELECTION);
            Node survivor = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            assertEquals(200, calls.put(leader, NAMESPACE, "kept", "before").orElseThrow().statusCode());
            assertEquals(200, calls.get(survivor, NAMESPACE, "kept", null).statusCode(), "caught up");

            cluster.nodes().stream().filter(n -> n != survivor).forEach(Node::kill);

            HttpResponse<String> linear = calls.get(survivor, NAMESPACE, "kept", null);
            assertEquals(503, linear.statusCode(), linear::body);
            assertTrue(linear.headers().firstValue("Retry-After").isPresent(), "Retry-After is set");
            assertTrue(linear.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));

            HttpResponse<String> stale = calls.get(survivor, NAMESPACE, "kept", "stale");
            assertEquals(200, stale.statusCode(), stale::body);
            assertEquals("before", ClusterCalls.json(stale).path("value").asText());

            HttpResponse<String> write = calls.put(survivor, NAMESPACE, "lost", "never").orElseThrow();
            assertEquals(503, write.statusCode(), write::body);
            assertTrue(write.headers().firstValue("Retry-After").isPresent(), "Retry-After is set");
            String title = ClusterCalls.json(write).path("title").asText();
            assertTrue(title.equals("No leader available") || title.equals("Replication failed"), write.body());
            assertEquals(404, calls.get(survivor, NAMESPACE, "lost", "stale").statusCode(), "nothing was applied");
        }
    }
}
