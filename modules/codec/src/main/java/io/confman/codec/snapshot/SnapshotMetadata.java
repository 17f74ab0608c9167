package io.confman.codec.snapshot;

/**
 * The scalar part of a snapshot.
 *
 * @param lastAppliedTerm  the Raft term of the last entry the state includes
 * @param lastAppliedIndex the Raft log index of the last entry the state includes
 * @param malformedEntries how many malformed log entries had been skipped up to that index
 */
public record SnapshotMetadata(long lastAppliedTerm, long lastAppliedIndex, long malformedEntries) {
}
