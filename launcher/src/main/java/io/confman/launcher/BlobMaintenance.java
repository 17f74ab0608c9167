package io.confman.launcher;

import io.confman.blob.BlobStore;
import io.confman.blob.maintenance.BlobGarbageCollector;
import io.confman.blob.maintenance.BlobReconciler;
import io.confman.blob.maintenance.ReconcileLimits;
import io.confman.blob.peer.BlobPeerClient;
import io.confman.raft.ConfigQueries;
import io.confman.raft.store.ReplicatedConfigStore;
import io.confman.web.BlobSettings;
import io.confman.web.blob.ClusterPeers;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's blob housekeeping: the reconciler (fetch what the state references but this node
 * lacks) and garbage collection, on two daemon threads this class owns.
 *
 * <p>GC deletes what the state does not reference, so each pass first waits for a Raft read
 * barrier: only once this node has applied everything committed before the pass does it read the
 * referenced set. A node still replaying its log or installing a snapshot, or one that cannot
 * reach a quorum, skips the pass. Blobs committed after the barrier are younger than the safety
 * window, or pinned on the node that wrote them.
 */
final class BlobMaintenance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlobMaintenance.class);

    private final ReplicatedConfigStore state;
    private final BlobReconciler reconciler;
    private final BlobGarbageCollector collector;
    private final BlobSettings settings;
    private final Duration barrierTimeout;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "blob-maintenance");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Set<String>> caughtUpReferences = new AtomicReference<>();
    private ScheduledFuture<?> gcTask;

    BlobMaintenance(ReplicatedConfigStore state, BlobStore blobs, BlobPeerClient peerClient, BlobSettings settings) {
        this.state = state;
        this.settings = settings;
        this.barrierTimeout = Duration.ofMillis(state.node().settings().requestTimeoutMillis());
        ClusterPeers peers = new ClusterPeers(state.node());
        this.reconciler = new BlobReconciler(blobs, peerClient, () -> state.stale().referencedBlobHashes(),
                peers::leaderFirst, ReconcileLimits.DEFAULT);
        this.collector = new BlobGarbageCollector(blobs, () -> {
            Set<String> referenced = caughtUpReferences.get();
            if (referenced == null) {
                throw new IllegalStateException("GC ran without a read barrier");
            }
            return referenced;
        }, settings.gcSafetyWindow(), Clock.systemUTC());
    }

    /** Referenced blobs this node does not hold, as the reconciler last counted them. */
    long missing() {
        return reconciler.counts().missingNow();
    }

    void start() {
        reconciler.start(executor, settings.reconcileInterval());
        long interval = settings.gcInterval().toMillis();
        gcTask = executor.scheduleWithFixedDelay(this::collectIfCaughtUp, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void collectIfCaughtUp() {
        try {
            ConfigQueries caughtUp = state.linearizable().get(barrierTimeout.toMillis(), TimeUnit.MILLISECONDS);
            caughtUpReferences.set(caughtUp.referencedBlobHashes());
            collector.runOnce();
        } catch (TimeoutException e) {
            LOG.info("Blob GC skipped: this node could not confirm it is caught up within {}", barrierTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Blob GC pass failed; retrying in {}", settings.gcInterval(), e);
        } finally {
            caughtUpReferences.set(null);
        }
    }

    @Override
    public void close() {
        reconciler.stop();
        if (gcTask != null) {
            gcTask.cancel(false);
        }
        executor.shutdownNow();
    }
}
