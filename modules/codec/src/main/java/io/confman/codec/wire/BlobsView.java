package io.confman.codec.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Blob store figures of one node.
 *
 * @param count   blobs held locally
 * @param bytes   their total size
 * @param missing blobs referenced by the state but not (yet) held locally
 */
@JsonPropertyOrder({"count", "bytes", "missing"})
public record BlobsView(long count, long bytes, long missing) {
}
