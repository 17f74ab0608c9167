package io.confman.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.confman.codec.wire.HealthReport;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Metadata snapshots: after more than {@code raft.snapshotInterval} (50 here) writes every node has
 * taken one and reports it in {@code /health/ready}; a follower wiped of its data catches up from
 * the leader's snapshot plus the log after it; and at the same applied index every node's state
 * hash is identical.
 */
@Timeout(300)
class SnapshotCatchUpTest {
    private static final Duration ELECTION = Duration.ofSeconds(60);
    private static final int WRITES = 200;
    private static final String NAMESPACE = "snap";
    /**
     * Entries between snapshots here. Ratis counts from index 0, so the first snapshot covers
     * index 49; later ones also wait until the log since the last is as large as that snapshot,
     * which these writes reach, so that the leader purges what they cover.
     */
    private static final int SNAPSHOT_INTERVAL = 50;

    @Test
    void wipedFollowerCatchesUpFromSnapshotPlusLogAndStateHashesAgree() {
        // Small log segments, so that the leader purges what its snapshots cover and a wiped node
        // must install a snapshot before it can replay the rest of the log.
        try (LocalCluster cluster = LocalCluster.start(3, Map.of("raft.logSegmentSizeBytes", "16384",
                "raft.snapshotInterval", String.valueOf(SNAPSHOT_INTERVAL)))) {
            ClusterCalls calls = new ClusterCalls(cluster);
            Node leader = cluster.awaitLeader(ELECTION);
            for (int i = 0; i < WRITES; i++) {
                assertEquals(200, calls.put(leader, NAMESPACE, "k" + (i % 40), "v" + i).orElseThrow().statusCode());
            }
            for (Node node : cluster.nodes()) {
                HealthReport h = cluster.awaitHealth(node, ELECTION, "a snapshot",
                        r -> r.snapshot() != null && r.snapshot().index() >= SNAPSHOT_INTERVAL - 1);
                assertTrue(h.snapshot().bytes() > 0, "snapshot size reported");
                assertNotNull(h.snapshot().takenAt());
                System.out.printf("%s snapshot at index %d: %d bytes in %d ms%n", node.id(),
                        h.snapshot().index(), h.snapshot().bytes(), h.snapshot().durationMs());
            }

            Node follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            follower.kill();
            follower.wipe();
            for (int i = WRITES; i < WRITES + 10; i++) {
                assertEquals(200, calls.put(leader, NAMESPACE, "after" + i, "v" + i).orElseThrow().statusCode());
            }
            cluster.start(follower);
            Node current = cluster.awaitLeader(ELECTION);
            assertEquals(200, calls.put(current, NAMESPACE, "last", "x").orElseThrow().statusCode());

            List<JsonNode> states = calls.awaitIdenticalState(ELECTION);
            System.out.printf("state hash %s at applied index %d on all nodes%n",
                    states.getFirst().path("stateHash").asText(), states.getFirst().path("appliedIndex").asLong());
            HealthReport rejoined = cluster.awaitHealth(follower, ELECTION, "a snapshot", r -> r.snapshot() != null);
            assertTrue(rejoined.snapshot().index() >= SNAPSHOT_INTERVAL - 1, "snapshot index " + rejoined.snapshot().index());
            assertTrue(follower.log().contains("installed"), "the wiped node installed the leader's snapshot");
            assertEquals("v" + (WRITES - 1),
                    ClusterCalls.json(calls.get(follower, NAMESPACE, "k39", "stale")).path("value").asText());
        }
    }
}
