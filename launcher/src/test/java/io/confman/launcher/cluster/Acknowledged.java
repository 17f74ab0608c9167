package io.confman.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.net.http.HttpResponse;
import java.util.Map;

/** What 200 answers promised, and the check that every node still keeps those promises. */
final class Acknowledged {
    /** This key holds this value at this version. */
    record Ack(String key, String value, long version) {
    }

    private Acknowledged() {
    }

    /** Records the ack of a 200 answer to a PUT of {@code value}, keeping the newest per key. */
    static void record(Map<String, Ack> acks, String key, String value, HttpResponse<String> response) {
        long version = ClusterCalls.json(response).path("version").asLong();
        acks.merge(key, new Ack(key, value, version), (a, b) -> b.version() > a.version() ? b : a);
    }

    static void assertAllPresentOnEveryNode(LocalCluster cluster, ClusterCalls calls, String namespace,
                                            Iterable<Ack> acks) {
        for (Node node : cluster.nodes()) {
            for (Ack ack : acks) {
                HttpResponse<String> r = calls.get(node, namespace, ack.key(), null);
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
