package io.confman.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Concurrent writes share Raft entries (group commit) and still behave one by one: many clients
 * write through the leader and through both followers at once, some racing compare-and-swap on one
 * hot key. Every write gets its own answer and a revision no other write has; exactly one CAS wins
 * per version of the hot key; every acknowledged value is on every node; all nodes end with the
 * same state hash; and the newest revision is above the applied log index, which only happens when
 * entries carried several writes. A real three-node cluster on 127.0.0.1.
 */
@Timeout(300)
class BatchedWritesTest {
    private static final Duration ELECTION = Duration.ofSeconds(60);
    private static final int CLIENTS = 24;
    private static final int WRITES_PER_CLIENT = 20;
    private static final String NAMESPACE = "batched";

    @Test
    void concurrentWritesThroughEveryNodeEachGetTheirOwnResultAndRevision() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            ClusterCalls calls = new ClusterCalls(cluster);
            cluster.awaitLeader(ELECTION);
            List<Node> nodes = cluster.nodes();
            assertEquals(200, calls.put(nodes.getFirst(), NAMESPACE, "hot", "start").orElseThrow().statusCode());

            Map<Long, String> revisions = new ConcurrentHashMap<>();
            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            AtomicInteger casWins = new AtomicInteger();
            AtomicInteger casLosses = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    Node node = nodes.get(client % nodes.size());
                    for (int i = 0; i < WRITES_PER_CLIENT; i++) {
                        String key = "c" + client + "-k" + i;
                        String value = "c" + client + "-v" + i;
                        HttpResponse<String> r = calls.put(node, NAMESPACE, key, value).orElseThrow();
                        assertEquals(200, r.statusCode(), () -> node.id() + " " + key + ": " + r.body());
                        JsonNode entry = ClusterCalls.json(r);
                        assertEquals(value, entry.path("value").asText());
                        String previous = revisions.putIfAbsent(entry.path("revision").asLong(), key);
                        assertNull(previous, "revision " + entry.path("revision") + " given twice");
                        acknowledged.put(key, value);
                        if (i % 4 == 0) {
                            casOnce(calls, node, client, casWins, casLosses);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
            pool.shutdown();

            JsonNode hot = ClusterCalls.json(calls.get(nodes.getFirst(), NAMESPACE, "hot", null));
            assertEquals(1 + casWins.get(), hot.path("version").asLong(),
                    "one CAS wins per version (" + casWins + " won, " + casLosses + " lost)");
            for (Node node : nodes) {
                for (var ack : acknowledged.entrySet()) {
                    HttpResponse<String> r = calls.get(node, NAMESPACE, ack.getKey(), null);
                    assertEquals(ack.getValue(), ClusterCalls.json(r).path("value").asText(), node.id() + " " + ack);
                }
            }
            List<JsonNode> states = calls.awaitIdenticalState(ELECTION);
            long appliedIndex = states.getFirst().path("appliedIndex").asLong();
            long newestRevision = Math.max(hot.path("revision").asLong(),
                    revisions.keySet().stream().mapToLong(Long::longValue).max().orElseThrow());
            System.out.printf("%d writes and %d CAS (%d won) in %d log entries or fewer; newest revision %d%n",
                    revisions.size(), casWins.get() + casLosses.get(), casWins.get(), appliedIndex, newestRevision);
            assertEquals(CLIENTS * WRITES_PER_CLIENT, revisions.size());
            assertTrue(newestRevision > appliedIndex,
                    "revision " + newestRevision + " vs applied index " + appliedIndex + ": no entry carried several writes");
        }
    }

    /** Reads the hot key and tries to replace it at the version read: 200 (won) or 412 (lost). */
    private static void casOnce(ClusterCalls calls, Node node, int client, AtomicInteger wins, AtomicInteger losses) {
        JsonNode current = ClusterCalls.json(calls.get(node, NAMESPACE, "hot", null));
        HttpResponse<String> r = calls.putIfMatch(node, NAMESPACE, "hot", "by-" + client,
                current.path("version").asLong());
        if (r.statusCode() == 200) {
            wins.incrementAndGet();
        } else {
            assertEquals(412, r.statusCode(), r.body());
            losses.incrementAndGet();
        }
    }
}
