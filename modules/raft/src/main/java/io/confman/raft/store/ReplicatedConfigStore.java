package io.confman.raft.store;

import io.confman.codec.command.Command;
import io.confman.codec.command.CommandCodec;
import io.confman.raft.ApplyResult;
import io.confman.raft.ConfigQueries;
import io.confman.raft.ConfigStateMachine;
import io.confman.raft.node.ClusterNode;
import io.confman.raft.node.RaftUnavailableException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The configuration store of one node: proposes commands through Raft and serves reads from the
 * local {@link ConfigStateMachine}.
 *
 * <p>Thread-safe. Futures complete on Raft threads; failures are the {@link
 * io.confman.raft.node.RaftUnavailableException}s of {@link ClusterNode}.
 */
public final class ReplicatedConfigStore {
    /** Sends each next batch when an entry completes; one task per entry, not per write. */
    private static final Executor DISPATCHER = Executors.newVirtualThreadPerTaskExecutor();
    /** How often a stale read waiting for a replay looks again. */
    private static final Duration REPLAY_POLL = Duration.ofMillis(5);

    private final ClusterNode node;
    private final ConfigStateMachine state;
    private final ProposalBatcher proposals;
    private final LongAdder pendingProposals = new LongAdder();
    private final LongAdder failedProposals = new LongAdder();

    public ReplicatedConfigStore(ClusterNode node, ConfigStateMachine state) {
        this.node = node;
        this.state = state;
        this.proposals = new ProposalBatcher(node::propose, node.settings().maxProposalsInFlight(), DISPATCHER);
    }

    public ClusterNode node() {
        return node;
    }

    /**
     * Proposes {@code command}; completes with the leader's result once it is committed. Commands
     * submitted concurrently may share one Raft entry (see {@link ProposalBatcher}); each still has
     * its own result and revision.
     */
    public CompletableFuture<ApplyResult> submit(Command command) {
        pendingProposals.increment();
        CompletableFuture<ApplyResult> answer = proposals.submit(CommandCodec.encode(command));
        // A side branch: the caller keeps the batcher's own future, whose cancel withdraws the write.
        answer.whenComplete((result, failure) -> {
            pendingProposals.decrement();
            if (failure != null) {
                failedProposals.increment();
            }
        });
        return answer;
    }

    /** Writes submitted on this node and not yet answered. */
    public long pendingProposals() {
        return pendingProposals.sum();
    }

    /**
     * Writes submitted on this node that failed or were given up (no leader, not committed in
     * time); a business rejection is an answer, not a failure.
     */
    public long failedProposals() {
        return failedProposals.sum();
    }

    /** Completes with the local state once it reflects every write committed before the call. */
    public CompletableFuture<ConfigQueries> linearizable() {
        return node.readBarrier().thenApply(ignored -> state);
    }

    /**
     * The local state as it is now; may lag behind the leader, but never goes back in time: after
     * the node replays its log from the start (its Raft division reopened), this waits until the
     * state is at least as new as what it served before, up to the request timeout.
     *
     * @throws RaftUnavailableException.Timeout the replay did not get there in time (503)
     */
    public ConfigQueries stale() {
        long servedBefore = state.appliedBeforeReset();
        if (state.lastApplied().index() >= servedBefore) {
            return state;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(node.settings().requestTimeoutMillis());
        while (state.lastApplied().index() < servedBefore) {
            if (System.nanoTime() > deadline) {
                throw new RaftUnavailableException.Timeout("this node is replaying its log (its Raft division "
                        + "reopened) and is not yet back at index " + servedBefore + "; retry shortly", null);
            }
            try {
                Thread.sleep(REPLAY_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RaftUnavailableException.Timeout("interrupted while the log is replayed", e);
            }
        }
        return state;
    }
}
