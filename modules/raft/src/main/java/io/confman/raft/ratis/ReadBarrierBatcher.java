package io.confman.raft.ratis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Shares Raft read barriers (ReadIndex rounds) between concurrent readers without weakening
 * linearizability: at most one barrier is in flight; readers arriving meanwhile wait for the
 * <em>next</em> barrier, which starts only after the current one completed and so after all of
 * them arrived. Each reader therefore gets a barrier that began after its own request, as a
 * barrier of its own would, while a burst of N concurrent reads costs about two rounds, not N.
 *
 * <p>Thread-safe. Completions run on {@code executor}, never inside the lock.
 */
final class ReadBarrierBatcher {
    private final Supplier<CompletableFuture<Void>> issue;
    private final Executor executor;
    /** The barrier in flight, or null; guarded by this. */
    private CompletableFuture<Void> inFlight;
    /** Readers waiting for the barrier after {@link #inFlight}, or null; guarded by this. */
    private CompletableFuture<Void> waiting;

    /**
     * @param issue    starts one barrier (one ReadIndex round)
     * @param executor where a finished barrier hands over to the next
     */
    ReadBarrierBatcher(Supplier<CompletableFuture<Void>> issue, Executor executor) {
        this.issue = issue;
        this.executor = executor;
    }

    /** Completes once a barrier that started after this call has completed. */
    synchronized CompletableFuture<Void> barrier() {
        if (inFlight == null) {
            return launch();
        }
        if (waiting == null) {
            waiting = new CompletableFuture<>();
        }
        return waiting;
    }

    /** Starts a barrier; called with the lock held. */
    private CompletableFuture<Void> launch() {
        CompletableFuture<Void> started = issue.get();
        inFlight = started;
        started.whenCompleteAsync((ignored, failure) -> finished(), executor);
        return started;
    }

    private void finished() {
        CompletableFuture<Void> joiners;
        CompletableFuture<Void> next;
        synchronized (this) {
            inFlight = null;
            joiners = waiting;
            waiting = null;
            if (joiners == null) {
                return;
            }
            next = launch();
        }
        next.whenComplete((ignored, failure) -> {
            if (failure == null) {
                joiners.complete(null);
            } else {
                joiners.completeExceptionally(failure);
            }
        });
    }
}
