package io.confman.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A leader that was paused (SIGSTOP, as a long GC pause or a frozen VM does) while the others
 * elected a new leader and acknowledged a write never serves the value that write replaced: reads
 * that reach it the moment it resumes, while it still believes it leads, answer the new value or
 * 503, never the old one. The reads it served just before the pause make its old commit index one
 * a ReadIndex round had already confirmed, the case in which Ratis answers ReadIndex without
 * asking the followers.
 */
@Timeout(240)
class DeposedLeaderReadTest {
    private static final Duration ELECTION = Duration.ofSeconds(60);
    private static final String NAMESPACE = "deposed";
    private static final int READS = 8;

    @Test
    void aResumedDeposedLeaderNeverServesTheValueWrittenWhileItWasPaused() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3);
             ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            ClusterCalls calls = new ClusterCalls(cluster);
            Node old = cluster.awaitLeader(ELECTION);
            long oldTerm = cluster.health(old).orElseThrow().cluster().term();
            assertEquals(200, calls.put(old, NAMESPACE, "k", "before").orElseThrow().statusCode());
            for (int i = 0; i < 5; i++) {
                assertEquals("before", value(calls.get(old, NAMESPACE, "k", null)));
            }
            List<Node> others = cluster.nodes().stream().filter(n -> n != old).toList();

            old.pause();
            List<CompletableFuture<HttpResponse<String>>> reads;
            try {
                Node next = LocalCluster.await(ELECTION, "a new leader among the others", () -> others.stream()
                        .filter(n -> cluster.health(n).filter(h -> h.cluster().term() > oldTerm
                                && n.baseUrl().equals(h.cluster().leader())).isPresent())
                        .findFirst());
                // The new leader may still be settling in; a refused write is retried, never lost.
                LocalCluster.await(ELECTION, "the new leader accepting a write", () -> calls
                        .put(next, NAMESPACE, "k", "after").filter(r -> r.statusCode() == 200));
                // Queued in the paused node's socket; it reads them the moment it resumes.
                reads = IntStream.range(0, READS).mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> calls.get(old, NAMESPACE, "k", null), readers)).toList();
                Thread.sleep(1_000);
            } finally {
                old.resume();
            }

            for (CompletableFuture<HttpResponse<String>> read : reads) {
                HttpResponse<String> response = read.get();
                if (response.statusCode() == 200) {
                    assertEquals("after", value(response), "a read served by the resumed old leader");
                } else {
                    assertEquals(503, response.statusCode(), response::body);
                }
            }
            LocalCluster.await(ELECTION, "the old leader serving the new value", () -> Optional
                    .of(calls.get(old, NAMESPACE, "k", null))
                    .filter(r -> r.statusCode() == 200 && "after".equals(value(r))));
        }
    }

    private static String value(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response::body);
        return ClusterCalls.json(response).path("value").asText();
    }
}
