package io.confman.raft.node;

import io.confman.raft.ApplyResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One running member of the Raft group, as the web layer sees it.
 *
 * <p>Thread-safe: every method may be called from any thread. Futures complete on Raft client
 * threads; callers must not block those threads with long work.
 *
 * <p>Failures complete futures exceptionally with a {@link RaftUnavailableException} subtype:
 * {@link RaftUnavailableException.NoLeader} when no leader is known, {@link
 * RaftUnavailableException.Timeout} when the request timeout passed.
 *
 * <p>Two implementations, held to the same contract by one test suite: the Ratis-backed node
 * ({@code io.confman.raft.start.RaftNodes#start}) and {@link InMemoryClusterNode}, a one-member
 * log applied on the caller's thread, for tests and newcomers.
 */
public interface ClusterNode extends AutoCloseable {

    /** This node's id. */
    String nodeId();

    /** The settings the node runs with (including the static member list). */
    RaftSettings settings();

    /** A snapshot of this node's Raft state; cheap, never blocks on the network. */
    NodeStatus status();

    /** This node's Raft counters and durations; cheap, lock-free. */
    RaftMetrics metrics();

    /**
     * Proposes an encoded entry: one command, or a {@link io.confman.codec.command.CommandBatch}.
     * Accepted on any node: a follower forwards it to the leader. Completes once the entry is
     * committed on a quorum and applied by the leader, with the state machine's results for it: one
     * per command of the entry, in order, as {@link io.confman.raft.ConfigStateMachine#applyEntry}
     * computed them on the leader (a business rule's refusal is a {@link ApplyResult.Rejected}
     * result, not a failure). Entries proposed one after another through one node are applied in
     * that order; revisions grow with the log.
     */
    CompletableFuture<List<ApplyResult>> propose(byte[] entry);

    /**
     * Completes once this node has applied every entry committed before the call (Raft ReadIndex,
     * confirmed by a quorum), so that a local read afterwards is linearizable.
     */
    CompletableFuture<Void> readBarrier();

    /**
     * Whether this node's Raft server is running. False once it stopped on its own (e.g. its log
     * writer failed and closed it); a node in that state serves nothing but 503s until restarted.
     * Any thread.
     */
    default boolean raftRunning() {
        return true;
    }

    /**
     * The members as this node's copy of the Raft configuration lists them (the static member list
     * only bootstraps a new cluster; afterwards the Raft configuration is the truth). Cheap, never
     * blocks on the network. The default, for twins without runtime membership, is the static
     * list, every member voting.
     */
    default List<ClusterMember> members() {
        return settings().members().stream().map(m -> new ClusterMember(m, true)).toList();
    }

    /**
     * Adds {@code member} as a non-voting member; it is promoted to voter by itself once it has
     * caught up. Completes with the members after the change committed, or exceptionally with
     * {@link MembershipChangeRefused} or {@link RaftUnavailableException}.
     */
    default CompletableFuture<List<ClusterMember>> addMember(Member member) {
        return staticMembership();
    }

    /**
     * Removes the member {@code id} (the leader too: it hands over after the change commits).
     * Completes like {@link #addMember}.
     */
    default CompletableFuture<List<ClusterMember>> removeMember(String id) {
        return staticMembership();
    }

    private static CompletableFuture<List<ClusterMember>> staticMembership() {
        return CompletableFuture.failedFuture(new MembershipChangeRefused(MembershipChangeRefused.Reason.NOT_NOW,
                "this node does not change membership at run time"));
    }

    /** Stops the node: closes Raft, releases its ports. Idempotent. */
    @Override
    void close();
}
