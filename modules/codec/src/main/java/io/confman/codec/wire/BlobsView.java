package io.confman.codec.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Blob store figures of one node.
 *
 * @param count   blobs held locally
 * @param bytes   their total size
 * @param missing blobs referenced by the state but not (yet) held locally
 * @param corrupt local copies found corrupt (quarantined and fetched again) since the node started
 */
@JsonPropertyOrder({"count", "bytes", "missing", "corrupt"})
public record BlobsView(long count, long bytes, long missing, long corrupt) {
}
