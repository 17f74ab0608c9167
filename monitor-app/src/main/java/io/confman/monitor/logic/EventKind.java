package io.confman.monitor.logic;

/** What a timeline event is about. */
public enum EventKind {
    /** The first round in which a leader was seen. */
    CONNECTED,
    /** The term went up: an election happened (the leader may or may not have changed). */
    ELECTION,
    /** A leader became known, or a different one, without a term change seen. */
    LEADER_CHANGED,
    /** No node knows a leader any more. */
    LEADER_LOST,
    /** A node stopped answering. */
    NODE_OFFLINE,
    /** A node answers again. */
    NODE_ONLINE,
    /** A node's newest snapshot took longer than the budget. */
    SNAPSHOT_OVER_BUDGET,
    /** A node's data disk fell below its blob reserve: it refuses blob writes. */
    DISK_AT_RESERVE,
    /** A node at its reserve has room for blobs again. */
    DISK_RECOVERED
}
