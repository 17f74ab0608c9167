package io.confman.launcher.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.wire.HealthReport;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The quorum rule and the background blob work on one shared three-node cluster: a raw PUT with
 * both followers down answers 503 and commits nothing (checked again once they are back); with one
 * follower down it succeeds and the returning follower gets the blob from the reconciler; GC with a
 * 2 s safety window removes a value's blob once nothing references it (one audit event kept per
 * namespace) and never the current one; a node at its disk reserve refuses blob writes with 507
 * and keeps serving. Every test leaves all three nodes running with the shared settings.
 */
@Timeout(240)
class BlobQuorumAndMaintenanceTest {
    private static final Duration ELECTION = Duration.ofSeconds(40);
    private static LocalCluster cluster;
    private static final BlobHttp http = new BlobHttp();

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.start(3, Map.of(
                "blob.reconcileIntervalMillis", "1000",
                "blob.gcIntervalMillis", "1000",
                // The shortest safety window a node accepts is above quorum + request timeouts.
                "blob.gcSafetyWindowMillis", "10000",
                "blob.quorumTimeoutMillis", "4000",
                "raft.requestTimeoutMillis", "5000",
                "raft.auditEventsPerNamespace", "1"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void allNodesRunning() {
        cluster.nodes().stream().filter(n -> !n.running()).forEach(cluster::start);
        cluster.awaitLeader(ELECTION);
    }

    @Test
    void withBothFollowersDownAWriteAnswers503AndNothingIsCommitted() {
        Node leader = cluster.awaitLeader(ELECTION);
        List<Node> followers = followersOf(leader);
        followers.forEach(Node::kill);
        GeneratedContent content = new GeneratedContent(512 * 1024, 21);
        HttpResponse<String> answer = http.putValue(leader, "quorum", "lost", content, Map.of());
        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));

        followers.forEach(cluster::start);
        Node newLeader = cluster.awaitLeader(ELECTION);
        for (Node node : cluster.nodes()) {
            assertEquals(404, http.getValue(node, "quorum", "lost", Map.of()).status(),
                    "no entry on " + node.id() + " (leader " + newLeader.id() + ")");
        }
    }

    @Test
    void withOneFollowerDownAWriteSucceedsAndTheFollowerGetsTheBlobWhenItReturns() {
        Node leader = cluster.awaitLeader(ELECTION);
        Node down = followersOf(leader).getFirst();
        down.kill();
        GeneratedContent content = new GeneratedContent(5 * 1024 * 1024 + 3, 22);
        HttpResponse<String> answer = http.putValue(leader, "quorum", "kept", content, Map.of());
        assertEquals(200, answer.statusCode(), answer.body());
        Path file = BlobRoundTripTest.blobFile(down, content.sha256());
        assertFalse(Files.exists(file), "the stopped follower has no copy yet");

        cluster.start(down);
        cluster.awaitLeader(ELECTION);
        LocalCluster.await(Duration.ofSeconds(60), "the reconciler to fetch the blob on " + down.id(),
                () -> Files.exists(file) ? Optional.of(file) : Optional.empty());
        BlobHttp.Download got = http.getValue(down, "quorum", "kept", Map.of());
        assertEquals(200, got.status());
        assertEquals(content.sha256(), got.sha256());
        cluster.awaitHealth(down, Duration.ofSeconds(30), "no blobs missing",
                r -> r.blobs() != null && r.blobs().missing() == 0);
    }

    @Test
    void aNodeAtItsDiskReserveRefusesBlobWritesWith507AndKeepsServing() throws IOException {
        Node leader = cluster.awaitLeader(ELECTION);
        Node full = followersOf(leader).getFirst();
        full.terminate(Duration.ofSeconds(10));
        // A reserve larger than any disk here: this node's disk counts as full for blobs.
        cluster.startWith(full, Map.of("blob.reserveFreeBytes", Long.toString(1L << 50)));
        try {
            HealthReport health = cluster.awaitHealth(full, ELECTION, "the node to be ready with its reserve",
                    HealthReport::ready);
            assertTrue(health.blobs().atReserve(), "health tells the node is at its reserve: " + health.blobs());
            GeneratedContent value = new GeneratedContent(300_000, 41);
            HttpResponse<String> refused = http.putValue(full, "reserve", "big", value, Map.of());
            assertEquals(507, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("blob.reserveFreeBytes"), refused.body());
            for (Node node : cluster.nodes()) {
                assertEquals(404, http.getValue(node, "reserve", "big", Map.of()).status(), "nothing on " + node.id());
            }

            // The other two members still make a quorum of copies; the full node cannot hold one
            // and says so with a 503 (read elsewhere) instead of failing.
            Node current = cluster.awaitLeader(ELECTION);
            assertEquals(200, http.putValue(current, "reserve", "big", value, Map.of()).statusCode());
            assertEquals(value.sha256(), http.getValue(current, "reserve", "big", Map.of()).sha256());
            assertEquals(503, http.getValue(full, "reserve", "big", Map.of()).status());

            // Small values never touch the blob store: the node keeps taking them.
            HttpResponse<String> small = cluster.http().send("PUT", full.url("api/v1/namespaces/reserve/config/small"),
                    "{\"value\":\"fine\"}", Map.of("X-Api-Key", LocalCluster.ADMIN_KEY, "Content-Type", "application/json"));
            assertEquals(200, small.statusCode(), small.body());
            Path tmp = full.dataDir().resolve("blobs").resolve("tmp");
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(List.of(), left.toList(), "no partial files on " + full.id());
            }
        } finally {
            full.terminate(Duration.ofSeconds(10));
            cluster.start(full);
        }
    }

    @Test
    void gcRemovesABlobNothingReferencesAndKeepsTheCurrentOne() {
        Node leader = cluster.awaitLeader(ELECTION);
        GeneratedContent first = new GeneratedContent(100_000, 31);
        GeneratedContent second = new GeneratedContent(100_000, 32);
        GeneratedContent third = new GeneratedContent(100_000, 33);
        for (GeneratedContent value : List.of(first, second, third)) {
            assertEquals(200, http.putValue(leader, "gc", "k", value, Map.of()).statusCode());
        }
        // The one audit event kept now names second -> third; first is referenced by nothing.
        for (Node node : cluster.nodes()) {
            Path gone = BlobRoundTripTest.blobFile(node, first.sha256());
            LocalCluster.await(Duration.ofSeconds(30), "GC to delete the first value's blob on " + node.id(),
                    () -> Files.exists(gone) ? Optional.empty() : Optional.of(gone));
        }
        sleep(Duration.ofSeconds(4));
        for (Node node : cluster.nodes()) {
            assertTrue(Files.exists(BlobRoundTripTest.blobFile(node, third.sha256())),
                    "the current value's blob is kept on " + node.id());
            assertTrue(Files.exists(BlobRoundTripTest.blobFile(node, second.sha256())),
                    "a blob the retained audit event names is kept on " + node.id());
            BlobHttp.Download got = http.getValue(node, "gc", "k", Map.of());
            assertEquals(third.sha256(), got.sha256());
        }
    }

    private static List<Node> followersOf(Node leader) {
        return cluster.nodes().stream().filter(n -> n != leader).toList();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
