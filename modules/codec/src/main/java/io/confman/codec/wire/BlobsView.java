package io.confman.codec.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Blob store figures of one node.
 *
 * @param count   blobs held locally
 * @param bytes   their total size
 * @param missing blobs referenced by the state but not (yet) held locally
 * @param corrupt local copies found corrupt (quarantined and fetched again) since the node started
 * @param freeBytes    free space on the data disk (-1 when unknown)
 * @param reserveBytes space blob writes must leave free (blob.reserveFreeBytes); below it they get 507
 */
@JsonPropertyOrder({"count", "bytes", "missing", "corrupt", "freeBytes", "reserveBytes"})
public record BlobsView(long count, long bytes, long missing, long corrupt, long freeBytes, long reserveBytes) {

    /** Whether blob writes are being refused for lack of space. */
    public boolean atReserve() {
        return freeBytes >= 0 && freeBytes < reserveBytes;
    }
}
