package io.confman.raft.store;

import io.confman.codec.command.CommandBatch;
import io.confman.raft.ApplyResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Group commit for proposals: at most {@code maxInFlight} Raft entries are being replicated at a
 * time, and the commands that arrive meanwhile wait and go out together as one {@link
 * CommandBatch} entry as soon as an entry completes. A lone writer sees no difference (its command
 * goes out at once, in the single-command form); many concurrent writers share the per-entry costs
 * of Raft (append, replication, fsync wake-ups, commit, apply, reply) instead of each paying them.
 *
 * <p>Each command keeps its own result: the batch's reply carries one per command, in order. When
 * the entry fails (no leader, timeout), every command in it fails with that failure; none of them
 * is retried here. A waiting command whose caller stopped waiting (its future was cancelled) is
 * dropped, never proposed after its caller was told it failed. Thread-safe.
 */
final class ProposalBatcher {
    /** Bytes of commands one batch entry carries at most (one command is sent whatever its size). */
    static final int MAX_BATCH_BYTES = 1024 * 1024;

    private final Function<byte[], CompletableFuture<List<ApplyResult>>> propose;
    private final int maxInFlight;
    /** Sends the next batch when an entry completes, off the thread that completed it (a Raft thread). */
    private final Executor dispatcher;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    /** Entries proposed and not yet answered; guarded by {@code waiting}. */
    private int inFlight;

    private record Pending(byte[] command, CompletableFuture<ApplyResult> result) {
    }

    ProposalBatcher(Function<byte[], CompletableFuture<List<ApplyResult>>> propose, int maxInFlight,
                    Executor dispatcher) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
        }
        this.propose = propose;
        this.maxInFlight = maxInFlight;
        this.dispatcher = dispatcher;
    }

    /** Proposes one encoded command; completes with its own result once its entry is applied. */
    CompletableFuture<ApplyResult> submit(byte[] command) {
        Pending pending = new Pending(command, new CompletableFuture<>());
        synchronized (waiting) {
            if (inFlight >= maxInFlight) {
                waiting.add(pending);
                return pending.result();
            }
            inFlight++;
        }
        send(List.of(pending));
        return pending.result();
    }

    private void send(List<Pending> batch) {
        CompletableFuture<List<ApplyResult>> reply;
        try {
            reply = propose.apply(batch.size() == 1 ? batch.getFirst().command()
                    : CommandBatch.encode(batch.stream().map(Pending::command).toList()));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((results, failure) -> {
            answer(batch, results, failure);
            List<Pending> next = nextBatch();
            if (!next.isEmpty()) {
                dispatcher.execute(() -> send(next));
            }
        });
    }

    /** The commands waiting, up to the batch limits, as the next entry; empty (and one slot freed) when none wait. */
    private List<Pending> nextBatch() {
        synchronized (waiting) {
            List<Pending> batch = new ArrayList<>();
            long bytes = 0;
            while (!waiting.isEmpty() && batch.size() < CommandBatch.MAX_COMMANDS
                    && (batch.isEmpty() || bytes + waiting.peek().command().length <= MAX_BATCH_BYTES)) {
                Pending next = waiting.poll();
                if (next.result().isDone()) {
                    continue; // its caller gave up waiting (and was told so): never propose it later
                }
                bytes += next.command().length;
                batch.add(next);
            }
            if (batch.isEmpty()) {
                inFlight--;
            }
            return batch;
        }
    }

    private static void answer(List<Pending> batch, List<ApplyResult> results, Throwable failure) {
        if (failure != null) {
            batch.forEach(p -> p.result().completeExceptionally(failure));
            return;
        }
        try {
            if (results.size() != batch.size()) {
                throw new IllegalStateException("a batch of " + batch.size() + " commands was answered with "
                        + results.size() + " results: " + results);
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }
}
