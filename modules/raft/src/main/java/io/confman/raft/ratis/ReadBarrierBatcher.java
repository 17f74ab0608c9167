package io.confman.raft.ratis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Shares read barriers (entries written through the log, see {@link RatisClusterNode#readBarrier})
 * between concurrent readers without weakening linearizability: up to {@code maxInFlight} barriers
 * run at once, each started for a reader that found a free slot; readers arriving while every slot
 * is taken wait for the <em>next</em> barrier, which starts only when a slot frees up, so after all
 * of them arrived. Each reader therefore gets
 * a barrier that began after its own request, as a barrier of its own would, while a burst of N
 * concurrent reads costs a few rounds, not N, and rounds overlap instead of queueing one behind
 * the other.
 *
 * <p>A barrier that fails (no leader, or no answer within the request timeout) fails the readers
 * waiting for the next one at once, with the same failure, instead of starting a round for them
 * that would most likely fail the same way only after another full timeout: the caller answers a
 * retryable 503 promptly. The next reader to arrive starts a fresh round.
 *
 * <p>Thread-safe. Completions run on {@code executor}, never inside the lock.
 */
final class ReadBarrierBatcher {
    private final Supplier<CompletableFuture<Void>> issue;
    private final Executor executor;
    private final int maxInFlight;
    /** Barriers in flight; guarded by this. */
    private int inFlight;
    /** Readers waiting for the next barrier to start, or null; guarded by this. */
    private CompletableFuture<Void> waiting;

    /**
     * @param issue       starts one barrier
     * @param executor    where a finished barrier hands over to the next
     * @param maxInFlight barriers that may run at once (at least 1)
     */
    ReadBarrierBatcher(Supplier<CompletableFuture<Void>> issue, Executor executor, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
        }
        this.issue = issue;
        this.executor = executor;
        this.maxInFlight = maxInFlight;
    }

    /** Completes once a barrier that started after this call has completed. */
    synchronized CompletableFuture<Void> barrier() {
        if (inFlight < maxInFlight) {
            return launch();
        }
        if (waiting == null) {
            waiting = new CompletableFuture<>();
        }
        return waiting;
    }

    /** Starts a barrier; called with the lock held. */
    private CompletableFuture<Void> launch() {
        CompletableFuture<Void> started;
        try {
            started = issue.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        inFlight++;
        started.whenCompleteAsync((ignored, failure) -> finished(failure), executor);
        return started;
    }

    /** A barrier ended ({@code failure} null when it succeeded): hands its slot to the waiting readers. */
    private void finished(Throwable failure) {
        CompletableFuture<Void> joiners;
        CompletableFuture<Void> next = null;
        synchronized (this) {
            inFlight--;
            joiners = waiting;
            waiting = null;
            if (joiners == null) {
                return;
            }
            if (failure == null) {
                next = launch();
            }
        }
        if (next == null) {
            joiners.completeExceptionally(failure);
            return;
        }
        next.whenComplete((ignored, nextFailure) -> {
            if (nextFailure == null) {
                joiners.complete(null);
            } else {
                joiners.completeExceptionally(nextFailure);
            }
        });
    }
}
