package io.confman.blob.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.blob.BlobId;
import io.confman.blob.InMemoryBlobStore;
import io.confman.blob.TestContent;
import io.confman.blob.peer.InMemoryBlobPeerClient;
import io.confman.blob.peer.Peer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The reconciler fetches exactly the referenced blobs the local store lacks, counts what it could
 * not fetch (including references that are not valid ids), paces itself by its limits (checked
 * with a fake ticker, no real sleeping) and runs periodically on an executor the test owns.
 */
class BlobReconcilerTest {

    private static final long MAX_BYTES = 1 << 20;

    private final InMemoryBlobStore local = new InMemoryBlobStore();
    private final InMemoryBlobStore peerStore = new InMemoryBlobStore();
    private final InMemoryBlobPeerClient client = new InMemoryBlobPeerClient(local, MAX_BYTES);
    private final List<Peer> peers = List.of(Peer.of("node2", "http://node2/"));

    BlobReconcilerTest() {
        client.connect("node2", peerStore);
    }

    @Test
    void fetchesWhatIsReferencedAndMissingAndCountsWhatFailed() throws Exception {
        BlobId onPeer = peerStore.put(TestContent.stream(1, 5000), MAX_BYTES).id();
        BlobId held = local.put(TestContent.stream(2, 100), MAX_BYTES).id();
        BlobId nowhere = TestContent.idOf(3, 10);
        BlobId unreferenced = peerStore.put(TestContent.stream(4, 10), MAX_BYTES).id();
        Set<String> referenced = Set.of(onPeer.hex(), held.hex(), nowhere.hex(), "not-a-hash");
        var reconciler = new BlobReconciler(local, client, () -> referenced, () -> peers, ReconcileLimits.UNLIMITED);

        ReconcileCounts counts = reconciler.runOnce();

        assertEquals(new ReconcileCounts(2, 1, 1, 2, 5000), counts);
        assertEquals(counts, reconciler.counts());
        assertTrue(local.exists(onPeer));
        assertTrue(!local.exists(unreferenced));
    }

    @Test
    void nothingMissingMeansNothingFetched() throws Exception {
        BlobId held = local.put(TestContent.stream(2, 100), MAX_BYTES).id();
        var reconciler = new BlobReconciler(local, client, () -> Set.of(held.hex()), () -> peers, ReconcileLimits.UNLIMITED);

        assertEquals(new ReconcileCounts(0, 0, 0, 0, 0), reconciler.runOnce());
    }

    @Test
    void pacesFetchesToTheByteRate() throws Exception {
        Set<String> referenced = new java.util.HashSet<>();
        for (int seed = 0; seed < 3; seed++) {
            referenced.add(peerStore.put(TestContent.stream(seed, 500), MAX_BYTES).id().hex());
        }
        FakeTicker ticker = new FakeTicker();
        var reconciler = new BlobReconciler(local, client, () -> referenced, () -> peers,
                new ReconcileLimits(1000, 100), ticker);

        reconciler.runOnce();

        assertEquals(Duration.ofMillis(1500).toNanos(), ticker.sleptNanos);
    }

    @Test
    void pacesFetchesToTheBlobRate() throws Exception {
        Set<String> referenced = new java.util.HashSet<>();
        for (int seed = 0; seed < 4; seed++) {
            referenced.add(peerStore.put(TestContent.stream(seed, 10), MAX_BYTES).id().hex());
        }
        FakeTicker ticker = new FakeTicker();
        var reconciler = new BlobReconciler(local, client, () -> referenced, () -> peers,
                new ReconcileLimits(Long.MAX_VALUE, 2), ticker);

        reconciler.runOnce();

        assertEquals(Duration.ofSeconds(2).toNanos(), ticker.sleptNanos);
    }

    @Test
    void runsPeriodicallyUntilStoppedOnTheCallersExecutor() throws Exception {
        BlobId onPeer = peerStore.put(TestContent.stream(1, 5000), MAX_BYTES).id();
        var reconciler = new BlobReconciler(local, client, () -> Set.of(onPeer.hex()), () -> peers,
                ReconcileLimits.UNLIMITED);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            reconciler.start(executor, Duration.ofMillis(50));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!local.exists(onPeer) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            reconciler.stop();
            assertTrue(local.exists(onPeer));
            assertTrue(!executor.isShutdown(), "the reconciler must not shut down an executor it does not own");
        } finally {
            executor.shutdownNow();
        }
    }

    /** Time that moves only when the pacer sleeps. */
    private static final class FakeTicker implements Pacer.Ticker {
        long nowNanos = 1_000;
        long sleptNanos;

        @Override
        public long nanoTime() {
            return nowNanos;
        }

        @Override
        public void sleepNanos(long nanos) {
            nowNanos += nanos;
            sleptNanos += nanos;
        }
    }
}
