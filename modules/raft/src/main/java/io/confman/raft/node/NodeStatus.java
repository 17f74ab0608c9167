package io.confman.raft.node;

import java.util.Optional;

/**
 * A point-in-time view of one node's Raft state, cheap to take (no I/O, no locks held long).
 *
 * @param role         this node's current role
 * @param leaderId     the leader this node knows of, if any
 * @param leaderReady  true when this node is the leader and has committed an entry of its term
 * @param term         the current term
 * @param commitIndex  highest log index known committed
 * @param appliedIndex highest log index applied to the state machine
 * @param leaderCommitIndex the leader's commit index as this node last heard it (from the leader's
 *                     heartbeats; a leader's own), or {@link #UNKNOWN_INDEX} when it has not heard it
 * @param lastSnapshot the last snapshot taken or installed, if any
 */
public record NodeStatus(Role role, Optional<String> leaderId, boolean leaderReady, long term,
                         long commitIndex, long appliedIndex, long leaderCommitIndex,
                         Optional<SnapshotStats> lastSnapshot) {

    /** {@code leaderCommitIndex} when this node has not heard the leader's commit index. */
    public static final long UNKNOWN_INDEX = -1;

    /**
     * How far a follower's applied index may trail the leader's commit index and still count as
     * caught up (ready): a few group-commit entries in flight between heartbeats, not a backlog.
     */
    public static final long READY_LAG_ENTRIES = 100;

    /** The Raft roles a member can be in, as reported over HTTP. */
    public enum Role {
        LEADER, FOLLOWER, CANDIDATE;

        /** The lower-case wire name used by {@code /health/ready}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * True when this node is caught up: a leader is known and, if it is us, has committed an entry
     * of its term; on any other node, the applied index is within {@link #READY_LAG_ENTRIES} of the
     * leader's commit index as last heard from it. A node that only knows who leads, but not how far
     * behind it is, is not ready.
     */
    public boolean ready() {
        if (leaderId.isEmpty()) {
            return false;
        }
        if (role == Role.LEADER) {
            return leaderReady;
        }
        return leaderCommitIndex != UNKNOWN_INDEX && appliedIndex >= leaderCommitIndex - READY_LAG_ENTRIES;
    }
}
