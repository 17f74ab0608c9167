package io.confman.raft.node;

/**
 * A node's Raft counters for {@code /metrics}, read at one moment.
 *
 * @param leaderChangesSeen     how often this node saw the leader change since it started
 * @param applyDuration         time the state machine took per applied log entry
 * @param snapshotWriteDuration time each snapshot took to write and sync (off the apply thread)
 * @param walFsyncDuration      time each synchronous flush of the Raft log took: the buffered
 *                              entries written to the open segment and fdatasync'ed
 */
public record RaftMetrics(long leaderChangesSeen, DurationHistogram.Snapshot applyDuration,
                          DurationHistogram.Snapshot snapshotWriteDuration,
                          DurationHistogram.Snapshot walFsyncDuration) {
}
