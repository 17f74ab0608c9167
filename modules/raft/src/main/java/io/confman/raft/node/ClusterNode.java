package io.confman.raft.node;

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
     * Proposes an encoded entry. Accepted on any node: a follower forwards it to the leader.
     * Completes with the state machine's answer once the entry is committed on a quorum and
     * applied by the leader: the answer object itself on the leader, its encoding elsewhere.
     */
    CompletableFuture<ReplicatedStateMachine.Answer> propose(byte[] command);

    /**
     * Completes once this node has applied every entry committed before the call (Raft ReadIndex,
     * confirmed by a quorum), so that a local read afterwards is linearizable.
     */
    CompletableFuture<Void> readBarrier();

    /** Stops the node: closes Raft, releases its ports. Idempotent. */
    @Override
    void close();
}
