package io.confman.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.wire.HealthReport;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A member that lost its storage must not vote before it holds what it acknowledged. Three real
 * nodes on 127.0.0.1: one follower is stopped (SIGKILL) so that a write commits on the leader and
 * the other follower only; that follower is then killed and wiped, the leader killed, and the
 * lagging follower restarted from its storage beside the restarted, empty node. Had the empty node
 * voted, the lagging follower would lead without the acknowledged write and answer 404 for it.
 * Instead no leader is elected until the old leader returns, the write is on every node, and the
 * wiped node ends up a voting member again. (A SIGSTOP-paused follower is no good lagger here: a
 * Ratis follower paused amid an append may not stand for election for a long while after it
 * resumes, and the test would pass without the fix.)
 */
@Timeout(300)
class WipedMemberRejoinTest {
    private static final Duration ELECTION = Duration.ofSeconds(60);
    /** Five rounds of the largest election timeout: time enough for the two survivors to elect. */
    private static final Duration WATCH_WITHOUT_OLD_LEADER = Duration.ofSeconds(15);
    private static final String NAMESPACE = "rejoin";

    @Test
    void wipedMemberDoesNotHelpElectALeaderThatLacksAnAcknowledgedWrite() {
        try (LocalCluster cluster = LocalCluster.start(3, Map.of("raft.requestTimeoutMillis", "4000"))) {
            ClusterCalls calls = new ClusterCalls(cluster);
            Node leader = cluster.awaitLeader(ELECTION);
            List<Node> followers = cluster.nodes().stream().filter(n -> n != leader).toList();
            Node lagging = followers.get(0);
            Node wiped = followers.get(1);
            assertEquals(200, calls.put(leader, NAMESPACE, "before", "everyone has it").orElseThrow().statusCode());
            calls.awaitIdenticalState(ELECTION);

            lagging.kill();
            HttpResponse<String> acked = calls.put(leader, NAMESPACE, "acked", "on two of three").orElseThrow();
            assertEquals(200, acked.statusCode(), acked.body());
            wiped.kill();
            wiped.wipe();
            leader.kill();
            cluster.start(wiped);
            cluster.start(lagging);

            long until = System.nanoTime() + WATCH_WITHOUT_OLD_LEADER.toNanos();
            int leaderSightings = 0;
            while (System.nanoTime() < until) {
                for (Node survivor : List.of(lagging, wiped)) {
                    Optional<HealthReport> health = cluster.health(survivor);
                    if (health.isPresent() && health.get().cluster().leaderKnown()) {
                        leaderSightings++;
                        HttpResponse<String> read = calls.get(survivor, NAMESPACE, "acked", null);
                        assertTrue(read.statusCode() != 404, survivor.id() + " follows leader "
                                + health.get().cluster().leader() + ", which lacks the acknowledged write: "
                                + read.body());
                    }
                }
                sleepMillis(300);
            }
            System.out.printf("without the old leader: %d sightings of a leader on the two survivors%n",
                    leaderSightings);

            cluster.start(leader);
            cluster.awaitHealth(wiped, ELECTION, "the wiped node votes again", r -> r.cluster().members().stream()
                    .anyMatch(m -> m.id().equals(wiped.id()) && Boolean.TRUE.equals(m.voting())));
            cluster.awaitLeader(ELECTION);
            for (Node node : cluster.nodes()) {
                HttpResponse<String> read = calls.get(node, NAMESPACE, "acked", null);
                assertEquals(200, read.statusCode(), node.id() + ": " + read.body());
                assertEquals("on two of three", ClusterCalls.json(read).path("value").asText());
            }
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
