package io.confman.codec.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body of {@code GET /health/ready}: the reference fields first ({@code status},
 * {@code timestamp}, {@code cluster}), then Confman's additions ({@code snapshot}, {@code blobs}).
 *
 * @param status    {@code "ready"} or {@code "not_ready"}
 * @param timestamp ISO-8601 instant at which the node composed the answer
 * @param cluster   this node's view of the Raft group
 * @param snapshot  the last snapshot this node took or installed, or null if none yet
 * @param blobs     blob store figures, or null when the node does not report them
 */
@JsonPropertyOrder({"status", "timestamp", "cluster", "snapshot", "blobs"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HealthReport(String status, String timestamp, ClusterView cluster,
                           SnapshotView snapshot, BlobsView blobs) {

    public static final String READY = "ready";
    public static final String NOT_READY = "not_ready";

    public boolean ready() {
        return READY.equals(status);
    }
}
