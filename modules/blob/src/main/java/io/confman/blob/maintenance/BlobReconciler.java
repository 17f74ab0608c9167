package io.confman.blob.maintenance;

import io.confman.blob.BlobId;
import io.confman.blob.BlobStore;
import io.confman.blob.PutResult;
import io.confman.blob.peer.BlobPeerClient;
import io.confman.blob.peer.Peer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches every blob the replicated state references but the local store lacks, one at a time,
 * paced by {@link ReconcileLimits}, logging progress. Needed after a restart, a snapshot install
 * or a long absence, when pointers arrived without their blobs.
 *
 * <p>{@link #runOnce} runs one pass on the calling thread; passes never overlap (a second caller
 * waits). {@link #start} runs passes on an executor that the caller owns and shuts down; {@link
 * #stop} only cancels this reconciler's task, letting a running pass end after its current blob.
 * {@link #counts} may be read from any thread at any time (for health and metrics).
 */
public final class BlobReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(BlobReconciler.class);
    private static final long PROGRESS_LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

    private final BlobStore store;
    private final BlobPeerClient client;
    private final Supplier<Set<String>> referenced;
    private final Supplier<List<Peer>> peers;
    private final ReconcileLimits limits;
    private final Pacer.Ticker ticker;
    private final Periodic periodic = new Periodic("Blob reconciler", LOG);
    private volatile ReconcileCounts counts = ReconcileCounts.NONE;
    private volatile boolean stopping;

    /**
     * @param referenced the hashes the state references now (invalid strings are counted failed)
     * @param peers the peers to fetch from, in the order to try them (leader first), asked each pass
     */
    public BlobReconciler(BlobStore store, BlobPeerClient client, Supplier<Set<String>> referenced,
            Supplier<List<Peer>> peers, ReconcileLimits limits) {
        this(store, client, referenced, peers, limits, Pacer.Ticker.SYSTEM);
    }

    BlobReconciler(BlobStore store, BlobPeerClient client, Supplier<Set<String>> referenced,
            Supplier<List<Peer>> peers, ReconcileLimits limits, Pacer.Ticker ticker) {
        this.store = Objects.requireNonNull(store, "store");
        this.client = Objects.requireNonNull(client, "client");
        this.referenced = Objects.requireNonNull(referenced, "referenced");
        this.peers = Objects.requireNonNull(peers, "peers");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.ticker = ticker;
    }

    /** The current pass's counters, or the last pass's once it ended. */
    public ReconcileCounts counts() {
        return counts;
    }

    /**
     * One pass: fetch every referenced blob not held locally.
     *
     * @return the pass's final counters
     * @throws IOException listing the local store failed
     * @throws InterruptedException the thread was interrupted while pacing
     */
    public synchronized ReconcileCounts runOnce() throws IOException, InterruptedException {
        Set<BlobId> held = new HashSet<>(store.list());
        List<BlobId> missing = new ArrayList<>();
        long invalid = 0;
        for (String hash : Objects.requireNonNull(referenced.get(), "referenced hashes")) {
            if (!BlobId.isValid(hash)) {
                invalid++;
            } else if (!held.contains(BlobId.of(hash))) {
                missing.add(BlobId.of(hash));
            }
        }
        if (invalid > 0) {
            LOG.warn("{} referenced hash(es) are not valid blob ids and cannot be fetched", invalid);
        }
        counts = new ReconcileCounts(missing.size(), missing.size(), 0, invalid, 0);
        if (missing.isEmpty()) {
            return counts;
        }
        LOG.info("Blob reconciler: {} referenced blob(s) missing, fetching", missing.size());
        fetchAll(missing, invalid);
        ReconcileCounts done = counts;
        LOG.info("Blob reconciler: fetched {} blob(s) ({} bytes), {} failed, {} still missing",
                done.fetched(), done.bytesFetched(), done.failed(), done.missingNow());
        return done;
    }

    private void fetchAll(List<BlobId> missing, long invalid) throws InterruptedException {
        Pacer pacer = new Pacer(limits, ticker);
        List<Peer> order = List.copyOf(peers.get());
        long fetched = 0;
        long failed = invalid;
        long bytes = 0;
        long nextLogNanos = PROGRESS_LOG_INTERVAL_NANOS;
        for (BlobId id : missing) {
            if (stopping || Thread.currentThread().isInterrupted()) {
                LOG.info("Blob reconciler stopping with {} blob(s) not yet tried", missing.size() - fetched - failed + invalid);
                break;
            }
            long size = 0;
            try {
                PutResult result = client.fetch(id, order);
                size = result.sizeBytes();
                fetched++;
                bytes += size;
            } catch (IOException e) {
                failed++;
                LOG.warn("Blob reconciler could not fetch {}: {}", id, e.getMessage());
            }
            counts = new ReconcileCounts(missing.size(), missing.size() - fetched, fetched, failed, bytes);
            if (pacer.elapsedNanos() >= nextLogNanos) {
                LOG.info("Blob reconciler progress: {}/{} fetched, {} failed", fetched, missing.size(), failed);
                nextLogNanos += PROGRESS_LOG_INTERVAL_NANOS;
            }
            pacer.afterFetch(size);
        }
    }

    /**
     * Runs a pass now and then every {@code interval} after the previous one ends, on {@code
     * executor}, which the caller owns (this class never shuts it down).
     *
     * @throws IllegalStateException already started
     */
    public void start(ScheduledExecutorService executor, Duration interval) {
        stopping = false;
        periodic.start(executor, Duration.ZERO, interval, this::runOnce);
    }

    /** Cancels future passes; a running pass stops after its current blob. */
    public void stop() {
        stopping = true;
        periodic.stop();
    }
}
