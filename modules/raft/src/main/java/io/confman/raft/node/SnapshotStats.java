package io.confman.raft.node;

import java.time.Instant;

/**
 * Figures about the last snapshot a node took or installed.
 *
 * @param index      the log index the snapshot covers
 * @param durationMillis how long writing (or loading) it took
 * @param bytes      size of the snapshot file
 * @param takenAt    when it was finished
 */
public record SnapshotStats(long index, long durationMillis, long bytes, Instant takenAt) {
}
