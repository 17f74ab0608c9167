package io.confman.blob.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.blob.BlobContent;
import io.confman.blob.BlobId;
import io.confman.blob.PutResult;
import io.confman.blob.TestContent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The HTTP peer client against fake peers (the JDK's HTTP server on loopback) with a real file
 * store on this side: fetch order, verification and fallback, the cluster token, one download for
 * many concurrent fetches, and pushes that reach, miss or time out waiting for their quorum.
 */
class HttpBlobPeerClientTest extends FakePeerFixture {

    /** A peer address where nothing listens any more. */
    private Peer downPeer(String id) throws IOException {
        FakePeer fake = new FakePeer(id);
        Peer peer = fake.peer();
        fake.close();
        return peer;
    }

    @Test
    void fetchStreamsTheBlobFromTheFirstPeerHoldingItWithTheClusterToken() throws IOException {
        FakePeer empty = fake("node2");
        FakePeer holder = fake("node3");
        BlobId id = holder.store.put(TestContent.stream(1, 300_000), MAX_BYTES).id();

        PutResult result = client.fetch(id, List.of(empty.peer(), holder.peer()));

        assertEquals(new PutResult(id, 300_000, true), result);
        assertEquals(List.of(TOKEN), empty.tokens);
        assertEquals(List.of(TOKEN), holder.tokens);
        try (BlobContent content = local.open(id).orElseThrow()) {
            assertTrue(TestContent.sameBytes(TestContent.stream(1, 300_000), content.stream()));
        }
    }

    @Test
    void fetchMovesPastAPeerServingWrongBytes() throws IOException {
        FakePeer liar = fake("node2");
        FakePeer honest = fake("node3");
        BlobId id = liar.store.put(TestContent.stream(2, 10_000), MAX_BYTES).id();
        honest.store.put(TestContent.stream(2, 10_000), MAX_BYTES);
        liar.serveWrongBytes = true;

        client.fetch(id, List.of(liar.peer(), honest.peer()));

        assertEquals(1, honest.gets.get());
        assertTrue(local.exists(id));
    }

    @Test
    void aPeerThatStallsMidBodyIsGivenUpAfterTheTimeoutAndTheNextOneServes() throws IOException {
        FakePeer staller = fake("node2");
        FakePeer holder = fake("node3");
        BlobId id = staller.store.put(TestContent.stream(12, 200_000), MAX_BYTES).id();
        holder.store.put(TestContent.stream(12, 200_000), MAX_BYTES);
        staller.stallAfterBytes = 50_000;
        try (HttpBlobPeerClient quick = new HttpBlobPeerClient(local, TOKEN, MAX_BYTES, Duration.ofSeconds(1))) {
            long started = System.nanoTime();
            var failure = assertThrows(BlobFetchException.class, () -> quick.fetch(id, List.of(staller.peer())));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals("node2", failure.failures().getFirst().peerId());
            assertTrue(failure.failures().getFirst().reason().contains("nothing arrived for 1000 ms"),
                    failure.failures()::toString);
            assertTrue(tookMillis >= 1000 && tookMillis < 15_000, "gave up after " + tookMillis + " ms");
            assertFalse(local.exists(id), "nothing of the stalled body is kept");
            assertFalse(Thread.currentThread().isInterrupted(), "no interrupt is left behind");
        }
        // The same stall, then a good peer; the longer timeout leaves the good peer room on a busy machine.
        try (HttpBlobPeerClient patient = new HttpBlobPeerClient(local, TOKEN, MAX_BYTES, Duration.ofSeconds(3))) {
            assertEquals(new PutResult(id, 200_000, true), patient.fetch(id, List.of(staller.peer(), holder.peer())));
        }
        try (BlobContent content = local.open(id).orElseThrow()) {
            assertTrue(TestContent.sameBytes(TestContent.stream(12, 200_000), content.stream()));
        }
    }

    @Test
    void fetchFailsListingEveryPeerWhenNoneSuppliesTheBlob() throws IOException {
        FakePeer empty = fake("node2");
        FakePeer guarded = fake("node4");
        guarded.requiredToken = "another-secret";
        BlobId id = TestContent.idOf(3, 100);

        var failure = assertThrows(BlobFetchException.class,
                () -> client.fetch(id, List.of(downPeer("node1"), empty.peer(), guarded.peer())));

        assertEquals(List.of("node1", "node2", "node4"), failure.failures().stream().map(PeerFailure::peerId).toList());
        assertEquals("HTTP 404", failure.failures().get(1).reason());
        assertEquals("HTTP 401", failure.failures().get(2).reason());
        assertEquals(List.of(), local.list());
    }

    @Test
    void concurrentFetchesOfOneBlobShareOneDownload() throws Exception {
        FakePeer holder = fake("node2");
        BlobId id = holder.store.put(TestContent.stream(4, 500_000), MAX_BYTES).id();
        holder.getGate = new CountDownLatch(1);
        int readers = 8;
        List<Future<PutResult>> fetches = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(readers)) {
            for (int i = 0; i < readers; i++) {
                fetches.add(pool.submit(() -> client.fetch(id, List.of(holder.peer()))));
            }
            assertTrue(holder.firstGetArrived.await(30, TimeUnit.SECONDS));
            Thread.sleep(300);
            holder.getGate.countDown();
            for (Future<PutResult> fetch : fetches) {
                assertEquals(id, fetch.get(30, TimeUnit.SECONDS).id());
            }
        }

        assertEquals(1, holder.gets.get());
        assertTrue(local.exists(id));
    }

    @Test
    void fetchOfABlobAlreadyHeldAsksNoPeer() throws IOException {
        FakePeer holder = fake("node2");
        BlobId id = local.put(TestContent.stream(5, 100), MAX_BYTES).id();

        PutResult result = client.fetch(id, List.of(holder.peer()));

        assertFalse(result.created());
        assertEquals(0, holder.gets.get());
    }

    @Test
    void pushCompletesWhenEnoughPeersConfirmADurableCopy() throws Exception {
        FakePeer second = fake("node2");
        FakePeer third = fake("node3");
        BlobId id = local.put(TestContent.stream(6, 1_000_000), MAX_BYTES).id();

        PushResult result = client.push(id, List.of(second.peer(), third.peer()), 2, Duration.ofSeconds(10))
                .get(15, TimeUnit.SECONDS);

        assertEquals(List.of("node2", "node3"), result.confirmedPeerIds().stream().sorted().toList());
        assertEquals(List.of("1000000"), second.putContentLengths);
        assertEquals(List.of(TOKEN), third.tokens);
        try (BlobContent copy = third.store.open(id).orElseThrow()) {
            assertTrue(TestContent.sameBytes(TestContent.stream(6, 1_000_000), copy.stream()));
        }
    }

    @Test
    void pushNeedingOneCopySucceedsWithOnePeerDown() throws Exception {
        FakePeer up = fake("node3");
        BlobId id = local.put(TestContent.stream(7, 5000), MAX_BYTES).id();

        PushResult result = client.push(id, List.of(downPeer("node2"), up.peer()), 1, Duration.ofSeconds(10))
                .get(15, TimeUnit.SECONDS);

        assertEquals(List.of("node3"), result.confirmedPeerIds());
    }

    @Test
    void pushFailsListingEachPeerWhenTheQuorumBecomesImpossible() throws IOException {
        FakePeer full = fake("node3");
        full.putStatusOverride = 507;
        BlobId id = local.put(TestContent.stream(8, 5000), MAX_BYTES).id();

        CompletableFuture<PushResult> push = client.push(id, List.of(downPeer("node2"), full.peer()), 1,
                Duration.ofSeconds(30));

        BlobPushException failure = pushFailure(push);
        assertEquals(1, failure.copiesNeeded());
        assertEquals(List.of("node2", "node3"), failure.failures().stream().map(PeerFailure::peerId).sorted().toList());
        assertTrue(failure.failures().stream().anyMatch(f -> f.reason().equals("HTTP 507")), failure.failures()::toString);
    }

    @Test
    void pushFailsAtTheTimeoutWhenPeersAnswerTooSlowly() throws IOException {
        FakePeer slow = fake("node2");
        slow.putDelayMillis = 5_000;
        BlobId id = local.put(TestContent.stream(9, 5000), MAX_BYTES).id();
        long started = System.nanoTime();

        BlobPushException failure = pushFailure(client.push(id, List.of(slow.peer()), 1, Duration.ofMillis(300)));

        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(4), "failed only after the peer answered");
        assertEquals(List.of(new PeerFailure("node2", "timed out")), failure.failures());
    }

    @Test
    void pushOfABlobNotHeldLocallyFails() throws IOException {
        FakePeer peer = fake("node2");

        BlobPushException failure = pushFailure(
                client.push(TestContent.idOf(1, 1), List.of(peer.peer()), 1, Duration.ofSeconds(5)));

        assertEquals("blob not held locally", failure.failures().getFirst().reason());
        assertEquals(0, peer.puts.get());
    }

    @Test
    void pushNeedingMorePeersThanGivenFailsAtOnceAndNeedingNoneSucceedsAtOnce() throws Exception {
        FakePeer peer = fake("node2");
        BlobId id = local.put(TestContent.stream(1, 10), MAX_BYTES).id();

        pushFailure(client.push(id, List.of(peer.peer()), 2, Duration.ofSeconds(5)));
        assertEquals(List.of(), client.push(id, List.of(peer.peer()), 0, Duration.ofSeconds(5)).get().confirmedPeerIds());
    }

    private static BlobPushException pushFailure(CompletableFuture<PushResult> push) {
        var failure = assertThrows(ExecutionException.class, () -> push.get(15, TimeUnit.SECONDS));
        return assertInstanceOf(BlobPushException.class, failure.getCause());
    }
}
