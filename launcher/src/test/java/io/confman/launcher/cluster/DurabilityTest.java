package io.confman.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No acknowledged write is lost: several clients write to every node while the leader is killed
 * with SIGKILL; afterwards every write that was answered 200 is present on every node with the
 * acknowledged version (checked exhaustively, not sampled), and still after a full-cluster
 * restart. Real three-node clusters on 127.0.0.1.
 */
@Timeout(300)
class DurabilityTest {
    private static final Duration ELECTION = Duration.ofSeconds(60);
    private static final int CLIENTS = 4;
    private static final int WRITES_PER_CLIENT = 60;
    private static final String NAMESPACE = "durable";

    /** What a 200 answer promised: this key holds this value at this version. */
    private record Ack(String key, String value, long version) {
    }

    @Test
    void everyAcknowledgedWriteSurvivesLeaderKillAndFullRestart() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            ClusterCalls calls = new ClusterCalls(cluster);
            Node leader = cluster.awaitLeader(ELECTION);
            Map<String, Ack> acks = new ConcurrentHashMap<>();
            AtomicInteger acknowledged = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            CountDownLatch halfway = new CountDownLatch(CLIENTS);

            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.submit(() -> writeLoop(cluster, calls, client, acks, acknowledged, failures, halfway));
            }
            assertTrue(halfway.await(120, TimeUnit.SECONDS), "clients reached the halfway mark");
            leader.kill();
            clients.shutdown();
            assertTrue(clients.awaitTermination(240, TimeUnit.SECONDS), "clients finished");
            System.out.printf("acknowledged %d writes to %d keys, %d failed or unanswered during the failover%n",
                    acknowledged.get(), acks.size(), failures.get());
            assertTrue(acknowledged.get() > CLIENTS * WRITES_PER_CLIENT / 2, "most writes were acknowledged");

            cluster.start(leader);
            cluster.awaitLeader(ELECTION);
            assertAllPresentOnEveryNode(cluster, calls, acks.values());

            for (Node node : cluster.nodes()) {
                node.terminate(Duration.ofSeconds(20));
            }
            for (Node node : cluster.nodes()) {
                cluster.start(node);
            }
            cluster.awaitLeader(ELECTION);
            assertAllPresentOnEveryNode(cluster, calls, acks.values());
        }
    }

    /** Each client writes its own keys, alternating over the nodes, each key twice (version 2). */
    private static void writeLoop(LocalCluster cluster, ClusterCalls calls, int client, Map<String, Ack> acks,
                                  AtomicInteger acknowledged, AtomicInteger failures, CountDownLatch halfway) {
        List<Node> nodes = cluster.nodes();
        for (int i = 0; i < WRITES_PER_CLIENT; i++) {
            if (i == WRITES_PER_CLIENT / 2) {
                halfway.countDown();
            }
            String key = "c" + client + "-k" + (i / 2);
            String value = "c" + client + "-w" + i;
            Node node = nodes.get((client + i) % nodes.size());
            var response = calls.put(node, NAMESPACE, key, value);
            if (response.isPresent() && response.get().statusCode() == 200) {
                long version = ClusterCalls.json(response.get()).path("version").asLong();
                acks.merge(key, new Ack(key, value, version), (a, b) -> b.version() > a.version() ? b : a);
                acknowledged.incrementAndGet();
            } else {
                failures.incrementAndGet();
            }
        }
    }

    private static void assertAllPresentOnEveryNode(LocalCluster cluster, ClusterCalls calls,
                                                    Iterable<Ack> acks) {
        for (Node node : cluster.nodes()) {
            for (Ack ack : acks) {
                HttpResponse<String> r = calls.get(node, NAMESPACE, ack.key(), null);
                assertEquals(200, r.statusCode(), () -> node.id() + " lost " + ack + ": " + r.body());
                JsonNode entry = ClusterCalls.json(r);
                // A later write to the same key may have committed without its answer arriving.
                assertTrue(entry.path("version").asLong() >= ack.version(), () -> node.id() + " " + ack + " vs " + entry);
                if (entry.path("version").asLong() == ack.version()) {
                    assertEquals(ack.value(), entry.path("value").asText(), () -> node.id() + " " + ack);
                }
            }
        }
    }
}
