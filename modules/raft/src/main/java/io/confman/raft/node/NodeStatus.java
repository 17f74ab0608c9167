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
 * @param lastSnapshot the last snapshot taken or installed, if any
 */
public record NodeStatus(Role role, Optional<String> leaderId, boolean leaderReady, long term,
                         long commitIndex, long appliedIndex, Optional<SnapshotStats> lastSnapshot) {

    /** The Raft roles a member can be in, as reported over HTTP. */
    public enum Role {
        LEADER, FOLLOWER, CANDIDATE;

        /** The lower-case wire name used by {@code /health/ready}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** True when this node can serve linearizable reads: a leader is known and, if it is us, ready. */
    public boolean ready() {
        return leaderId.isPresent() && (role != Role.LEADER || leaderReady);
    }
}
