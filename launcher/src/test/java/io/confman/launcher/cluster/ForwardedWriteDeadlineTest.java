package io.confman.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A write that a follower forwards while no leader can be reached is answered 503 when the request
 * timeout (10 s) ends, and is never applied after that: once the other two members resume and
 * elect a leader, newer writes succeed and the refused one stays absent on every node. (Before,
 * the forward kept retrying in the background and the value appeared seconds after its 503.)
 */
@Timeout(240)
class ForwardedWriteDeadlineTest {
    private static final Duration ELECTION = Duration.ofSeconds(60);
    private static final String NAMESPACE = "deadline";

    @Test
    void aWriteAnswered503IsNeverAppliedLater() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            ClusterCalls calls = new ClusterCalls(cluster);
            Node leader = cluster.awaitLeader(ELECTION);
            List<Node> followers = cluster.nodes().stream().filter(n -> n != leader).toList();
            Node origin = followers.get(0);
            Node other = followers.get(1);
            LocalCluster.await(ELECTION, "a write forwarded by the follower", () -> calls
                    .put(origin, NAMESPACE, "before", "x").filter(r -> r.statusCode() == 200));

            leader.pause();
            other.pause();
            HttpResponse<String> refused;
            long started = System.nanoTime();
            try {
                refused = calls.put(origin, NAMESPACE, "refused", "never").orElseThrow();
            } finally {
                leader.resume();
                other.resume();
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(503, refused.statusCode(), refused::body);
            assertTrue(waited.compareTo(Duration.ofSeconds(15)) < 0, "answered after " + waited);

            LocalCluster.await(ELECTION, "a write through the same follower after the resume", () -> calls
                    .put(origin, NAMESPACE, "after", "y").filter(r -> r.statusCode() == 200));
            // Longer than a leftover retry needed to land before (it committed within seconds).
            Thread.sleep(5_000);
            assertEquals(200, calls.put(origin, NAMESPACE, "last", "z").orElseThrow().statusCode());
            for (Node node : cluster.nodes()) {
                assertEquals(404, calls.get(node, NAMESPACE, "refused", null).statusCode(),
                        "the refused write on " + node.id());
                assertEquals(200, calls.get(node, NAMESPACE, "last", null).statusCode());
            }
        }
    }
}
