package io.confman.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import io.confman.launcher.testkit.NodeProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node refuses to start, with exit status 2 and one clear line, when its configuration or its
 * stored state is unusable. Real node processes; the refusal is read from their output.
 */
@Timeout(120)
class StartupRefusalTest {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);

    @Test
    void aMemberWithAnotherAuditBoundStopsNamingTheSettingAndBothValues() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            cluster.awaitLeader(Duration.ofSeconds(30));
            Node node3 = cluster.node("node3");
            node3.kill();
            cluster.startWith(node3, Map.of("raft.auditEventsPerNamespace", "500"));
            assertEquals(2, node3.exitCode(EXIT_WAIT).orElseThrow(() -> new AssertionError(
                    "node3 kept running with a different raft.auditEventsPerNamespace")));
            assertTrue(node3.log().contains("refusing to run: raft.auditEventsPerNamespace is 500 here but 10000"
                    + " on member node"), node3.log());
        }
    }

    @Test
    void timingInvariantViolationRefusesAndNamesTheKeys() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(1, Map.of("raft.snapshotBudgetMillis", "2000"))) {
            Node node = cluster.node("node1");
            assertEquals(2, node.exitCode(EXIT_WAIT).orElseThrow(() -> new AssertionError("node kept running")));
            String log = node.log();
            assertTrue(log.contains("timing invariant violated"), log);
            assertTrue(log.contains("raft.snapshotBudgetMillis (2000) < raft.electionTimeoutMinMillis (1000)"), log);
        }
    }

    @Test
    void portInUseRefusesAndNamesThePort() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(0);
             ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = holder.getLocalPort();
            NodeProcess process = startSingleMember(cluster, "solo", "solo", port);
            assertEquals(2, process.exitCode(EXIT_WAIT).orElseThrow());
            assertTrue(process.log().contains("http port 127.0.0.1:" + port + " is not available"), process.log());
        }
    }

    @Test
    void unknownNodeIdRefusesAndListsTheMembers() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(0)) {
            NodeProcess process = startSingleMember(cluster, "a", "zz", LocalCluster.freePort());
            assertEquals(2, process.exitCode(EXIT_WAIT).orElseThrow());
            assertTrue(process.log().contains("node.id 'zz' is not one of cluster.members [a]"), process.log());
        }
    }

    /** Starts a node configured as {@code nodeId} in a one-member cluster whose member is {@code memberId}. */
    private static NodeProcess startSingleMember(LocalCluster cluster, String memberId, String nodeId, int httpPort)
            throws IOException {
        Path base = cluster.dir().resolve(nodeId + ".yaml");
        Files.writeString(base, """
                cluster:
                  token: "t"
                  members:
                    - id: "%s"
                      url: "http://127.0.0.1:%d/"
                      raftAddress: "127.0.0.1:%d"
                node:
                  id: "%s"
                  dataDir: "%s"
                """.formatted(memberId, httpPort, LocalCluster.freePort(), nodeId, cluster.dir().resolve(nodeId)));
        return NodeProcess.launch(List.of("--config", base.toString()), cluster.dir().resolve(nodeId + ".log"));
    }
}
