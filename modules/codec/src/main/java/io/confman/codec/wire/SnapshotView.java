package io.confman.codec.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The last snapshot a node took or installed.
 *
 * @param index      the log index the snapshot covers
 * @param durationMs how long taking (or installing) it took
 * @param bytes      the size of the snapshot file
 * @param takenAt    ISO-8601 instant at which it was finished
 */
@JsonPropertyOrder({"index", "durationMs", "bytes", "takenAt"})
public record SnapshotView(long index, long durationMs, long bytes, String takenAt) {
}
