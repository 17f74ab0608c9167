package io.confman.launcher.api;

import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The shared cluster of the API suites: each test class that extends this gets its own real
 * three-node cluster on 127.0.0.1, started once before its first test (with a leader elected and
 * an {@link ApiClient} on it) and closed after its last. Tests share the cluster, so each uses its
 * own namespaces. A subclass's own {@code @BeforeAll} methods run after the cluster is up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OneClusterPerClass {
    static final String ADMIN = LocalCluster.ADMIN_KEY;
    private static final Duration ELECTION = Duration.ofSeconds(60);

    LocalCluster cluster;
    ApiClient api;
    Node leader;

    @BeforeAll
    @Timeout(120)
    void startCluster() {
        cluster = LocalCluster.start(3, clusterSettings());
        api = new ApiClient(cluster);
        leader = cluster.awaitLeader(ELECTION);
    }

    /**
     * Looks the leader up again before each test: a long pause on a busy machine can move
     * leadership during a class, and tests that read a node's local state need the current one.
     */
    @BeforeEach
    void findLeader() {
        leader = cluster.awaitLeader(ELECTION);
    }

    /** Configuration keys the class's cluster is started with, beyond the test defaults. */
    Map<String, String> clusterSettings() {
        return Map.of();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
