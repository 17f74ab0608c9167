package io.confman.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.wire.ClusterView;
import io.confman.codec.wire.HealthReport;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Leader election, failover and rejoin on real three-node clusters: separate JVM processes on
 * 127.0.0.1 with real Ratis storage, observed only through {@code /health/ready}.
 */
@Timeout(180)
class ClusterLifecycleTest {
    private static final Duration ELECTION = Duration.ofSeconds(30);
    /**
     * Two rounds of the default election timeout's upper bound, plus slack for the vote round trips
     * on a busy machine. Usually one round suffices; when both survivors time out together and split
     * the vote, Raft needs a second, randomised round (seen on a loaded two-core machine).
     */
    private static final long FAILOVER_BOUND_MILLIS = 2 * 3_000 + 2_000;
    /** A clean stop usually takes 1–2 s; the bound leaves room for three busy JVMs on two cores. */
    private static final long SIGTERM_BOUND_MILLIS = 8_000;

    @Test
    void threeNodesElectOneLeaderAndAgreeOnItAndTheTerm() {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            Node leader = cluster.awaitLeader(ELECTION);
            List<HealthReport> reports = cluster.nodes().stream().map(cluster::health).map(Optional::orElseThrow).toList();
            assertEquals(1, reports.stream().filter(r -> ClusterView.LEADER.equals(r.cluster().role())).count());
            for (HealthReport r : reports) {
                assertEquals(HealthReport.READY, r.status());
                assertTrue(r.cluster().leaderKnown());
                assertEquals(leader.baseUrl(), r.cluster().leader());
                assertEquals(3, r.cluster().members().size());
                assertTrue(r.cluster().term() > 0, "a term was started");
            }
        }
    }

    @Test
    void killedLeaderIsReplacedWithinTheElectionTimeoutAndRejoinsAsFollower() {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            Node oldLeader = cluster.awaitLeader(ELECTION);
            long oldTerm = cluster.health(oldLeader).orElseThrow().cluster().term();

            long killedAt = System.nanoTime();
            oldLeader.kill();
            Node survivor = cluster.nodes().stream().filter(n -> n != oldLeader).findFirst().orElseThrow();
            HealthReport after = cluster.awaitHealth(survivor, ELECTION, "a new leader",
                    r -> r.ready() && r.cluster().leader() != null && !r.cluster().leader().equals(oldLeader.baseUrl()));
            long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.printf("new leader %d ms after killing the old one (term %d -> %d)%n",
                    failoverMillis, oldTerm, after.cluster().term());
            assertTrue(after.cluster().term() > oldTerm, "a new term was started");
            assertTrue(failoverMillis <= FAILOVER_BOUND_MILLIS,
                    "new leader after " + failoverMillis + " ms, bound " + FAILOVER_BOUND_MILLIS + " ms");

            cluster.start(oldLeader);
            Node newLeader = cluster.awaitLeader(ELECTION);
            assertNotEquals(oldLeader, newLeader, "the restarted node does not disrupt the new leader");
            HealthReport rejoined = cluster.health(oldLeader).orElseThrow();
            assertEquals(ClusterView.FOLLOWER, rejoined.cluster().role());
            assertEquals(newLeader.baseUrl(), rejoined.cluster().leader());
        }
    }

    @Test
    void wipedNodeRestartsFromStaticMembershipAndCatchesUp() {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            Node leader = cluster.awaitLeader(ELECTION);
            Node follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            follower.kill();
            follower.wipe();
            assertFalse(java.nio.file.Files.exists(follower.dataDir()));

            cluster.start(follower);
            long leaderCommit = cluster.health(leader).orElseThrow().cluster().commitIndex();
            cluster.awaitHealth(follower, ELECTION, "applied the leader's log",
                    r -> r.cluster().appliedIndex() >= leaderCommit);
            // Rejoining may move leadership (see RejoinWatchdog); all that matters is one agreed leader.
            Node current = cluster.awaitLeader(ELECTION);
            HealthReport rejoined = cluster.health(follower).orElseThrow();
            assertEquals(current.baseUrl(), rejoined.cluster().leader());
            assertNotEquals(follower, current, "the wiped node rejoins behind the others, it does not lead");
        }
    }

    @Test
    void nodeWhoseMemberListDiffersFromTheRaftConfigurationSaysSoAndRejoins() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            cluster.awaitLeader(ELECTION);
            Node node3 = cluster.node("node3");
            node3.kill();

            java.nio.file.Path otherMembers = cluster.dir().resolve("mismatched.yaml");
            cluster.writeBaseConfig(otherMembers, cluster.memberYaml(List.of(cluster.node("node1"), node3)));
            cluster.start(node3, otherMembers);
            cluster.awaitLeader(ELECTION);
            assertTrue(node3.log().contains("cluster.members in this node's configuration [node1, node3] differs from"
                    + " the Raft configuration [node1, node2, node3]"), node3.log());
            assertEquals(3, cluster.health(node3).orElseThrow().cluster().members().size());
        }
    }

    @Test
    void sigtermStopsANodeWithinSecondsAndReleasesItsPorts() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            cluster.awaitLeader(ELECTION);
            Node node = cluster.nodes().getLast();
            Duration took = node.terminate(Duration.ofSeconds(10));
            System.out.printf("%s stopped %d ms after SIGTERM%n", node.id(), took.toMillis());
            assertTrue(took.toMillis() < SIGTERM_BOUND_MILLIS, "stopped in " + took.toMillis() + " ms");
            assertTrue(node.log().contains("node " + node.id() + " stopped"), "clean shutdown is logged");
            for (int port : new int[] {node.httpPort(), node.raftPort()}) {
                try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    assertEquals(port, s.getLocalPort());
                }
            }
        }
    }
}
