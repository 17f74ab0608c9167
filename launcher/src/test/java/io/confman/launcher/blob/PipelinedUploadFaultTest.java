package io.confman.launcher.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A member killed (SIGKILL) while a raw value streams through the leader to it in one pass: with
 * one follower gone the write commits with the two copies left, each verified; with both gone it
 * answers 503 and commits nothing. Either way no node keeps a temp file of the upload. A node with
 * every upload slot busy answers one more 503. Three real nodes on 127.0.0.1.
 */
@Timeout(240)
class PipelinedUploadFaultTest {
    private static final Duration ELECTION = Duration.ofSeconds(30);
    private static final long MIB = 1024 * 1024;
    /** Enough that the kill lands mid-body: the client sends 1 MiB per 20 ms. */
    private static final GeneratedContent CONTENT = new GeneratedContent(48 * MIB + 7, 21);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final BlobHttp http = new BlobHttp();

    @Test
    void aFollowerKilledMidUploadLeavesAQuorumOfVerifiedCopiesAndTheWriteCommits() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3, Map.of("blob.reconcileIntervalMillis", "3600000"))) {
            Node leader = cluster.awaitLeader(ELECTION);
            List<Node> followers = cluster.nodes().stream().filter(n -> n != leader).toList();

            HttpResponse<String> answer = putKillingMidway(leader, "one", List.of(followers.get(1)));

            assertEquals(200, answer.statusCode(), answer::body);
            for (Node holder : List.of(leader, followers.get(0))) {
                assertEquals(CONTENT.sha256(), BlobRoundTripTest.fileSha256(
                        BlobRoundTripTest.blobFile(holder, CONTENT.sha256())), "a verified copy on " + holder.id());
                assertEquals(List.of(), tempFiles(holder));
            }
            BlobHttp.Download read = http.getValue(followers.get(0), "faults", "one", Map.of());
            assertEquals(200, read.status());
            assertEquals(CONTENT.sha256(), read.sha256());

            cluster.start(followers.get(1));
            cluster.awaitHealth(followers.get(1), ELECTION, "the killed follower back", io.confman.codec.wire.HealthReport::ready);
            assertEquals(List.of(), tempFiles(followers.get(1)), "an interrupted upload's temp file goes at start");
            assertEquals(CONTENT.sha256(), http.getValue(followers.get(1), "faults", "one", Map.of()).sha256());
        }
    }

    @Test
    void bothFollowersKilledMidUploadAnswer503AndCommitNothing() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            Node leader = cluster.awaitLeader(ELECTION);
            List<Node> followers = cluster.nodes().stream().filter(n -> n != leader).toList();

            HttpResponse<String> answer = putKillingMidway(leader, "none", followers);

            assertEquals(503, answer.statusCode(), answer::body);
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
            assertEquals(List.of(), tempFiles(leader));
            followers.forEach(cluster::start);
            Node next = cluster.awaitLeader(ELECTION);
            cluster.nodes().forEach(node -> cluster.awaitHealth(node, ELECTION, "ready", io.confman.codec.wire.HealthReport::ready));
            assertEquals(404, http.getValue(next, "faults", "none", Map.of()).status(), "nothing was committed");
            for (Node node : cluster.nodes()) {
                assertEquals(List.of(), tempFiles(node));
            }
        }
    }

    @Test
    void aNodeReceivingAsManyUploadsAsItTakesAnswersOneMore503AndTakesItOnceASlotIsFree() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3, Map.of("blob.maxConcurrentUploads", "1"))) {
            Node leader = cluster.awaitLeader(ELECTION);
            Node other = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            CountDownLatch midway = new CountDownLatch(1);
            // A quarter of the usual pace: the upload holds the slot for about 4 s.
            CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                    throttledPut(leader, "slow", midway, MIB / 4), BodyHandlers.ofString());
            assertTrue(midway.await(60, TimeUnit.SECONDS), "the first upload got under way");
            LocalCluster.await(Duration.ofSeconds(30), "the node receiving the first upload",
                    () -> tempFiles(leader).isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(true));

            GeneratedContent small = new GeneratedContent(100 * 1024, 3);
            HttpResponse<String> refused = http.putValue(leader, "faults", "second", small, Map.of());
            assertEquals(503, refused.statusCode(), refused::body);
            assertTrue(refused.body().contains("too-many-uploads"), refused::body);
            assertEquals("2", refused.headers().firstValue("Retry-After").orElse(""));
            assertEquals(200, http.putValue(other, "faults", "elsewhere", small, Map.of()).statusCode(),
                    "another member has its own slots");

            assertEquals(200, slow.get(BlobHttp.TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode());
            assertEquals(200, http.putValue(leader, "faults", "second", small, Map.of()).statusCode());
        }
    }

    private HttpRequest throttledPut(Node target, String key, CountDownLatch midway) {
        return throttledPut(target, key, midway, MIB);
    }

    /** A PUT of {@link #CONTENT} sent at {@code bytesPer20Ms}; {@code midway} opens after 8 MiB. */
    private HttpRequest throttledPut(Node target, String key, CountDownLatch midway, long bytesPer20Ms) {
        return HttpRequest.newBuilder(BlobHttp.valueUri(target, "faults", key))
                .timeout(BlobHttp.TIMEOUT)
                .header("X-Api-Key", LocalCluster.ADMIN_KEY)
                .header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(
                        () -> new Throttled(CONTENT.open(), 8 * MIB, midway, bytesPer20Ms)), CONTENT.sizeBytes()))
                .build();
    }

    /** PUTs {@link #CONTENT} to {@code target}, killing {@code victims} once 8 MiB have been sent. */
    private HttpResponse<String> putKillingMidway(Node target, String key, List<Node> victims) throws Exception {
        CountDownLatch midway = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> sent = client.sendAsync(throttledPut(target, key, midway),
                BodyHandlers.ofString());
        assertTrue(midway.await(60, TimeUnit.SECONDS), "the upload got under way");
        victims.forEach(Node::kill);
        return sent.get(BlobHttp.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static List<Path> tempFiles(Node node) {
        Path tmp = node.dataDir().resolve("blobs").resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands out at most {@code slice} bytes per 20 ms, and says when {@code mark} bytes have gone. */
    private static final class Throttled extends FilterInputStream {
        private final long mark;
        private final long slice;
        private final CountDownLatch reached;
        private long sent;
        private long sliceStarted = System.nanoTime();
        private long inSlice;

        Throttled(InputStream in, long mark, CountDownLatch reached, long slice) {
            super(in);
            this.mark = mark;
            this.slice = slice;
            this.reached = reached;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (inSlice >= slice) {
                long waitNanos = TimeUnit.MILLISECONDS.toNanos(20) - (System.nanoTime() - sliceStarted);
                if (waitNanos > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(waitNanos);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException();
                    }
                }
                sliceStarted = System.nanoTime();
                inSlice = 0;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, slice - inSlice));
            if (n > 0) {
                sent += n;
                inSlice += n;
                if (sent >= mark) {
                    reached.countDown();
                }
            }
            return n;
        }
    }
}
