package io.confman.codec.snapshot;

/**
 * The scalar part of a snapshot.
 *
 * @param lastAppliedTerm  the Raft term of the last entry the state includes
 * @param lastAppliedIndex the Raft log index of the last entry the state includes
 * @param malformedEntries how many malformed log entries had been skipped up to that index
 * @param lastRevision     the newest revision given to a change: above {@code lastAppliedIndex} after
 *                         a batch entry, below it when the last entries were rejected or malformed
 *                         commands (they give no revision); a version 1 snapshot reads as its
 *                         {@code lastAppliedIndex}, since before batched entries no revision
 *                         exceeded its entry's index)
 */
public record SnapshotMetadata(long lastAppliedTerm, long lastAppliedIndex, long malformedEntries, long lastRevision) {
}
