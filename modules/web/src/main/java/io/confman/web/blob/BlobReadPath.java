package io.confman.web.blob;

import io.confman.blob.BlobContent;
import io.confman.blob.BlobCorruptException;
import io.confman.blob.BlobId;
import io.confman.blob.BlobStore;
import io.confman.blob.BlobStoreFullException;
import io.confman.blob.peer.BlobFetchException;
import io.confman.blob.peer.BlobPeerClient;
import io.confman.blob.peer.Peer;
import io.confman.codec.model.BlobRef;
import io.confman.web.NodeServices;
import io.confman.web.api.LargeValueReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a committed blob from the local store, fetching it first from a peer (leader first) when
 * the local copy is missing or was found corrupt. Concurrent reads of one missing blob share a
 * single download (the peer client's single flight). Thread-safe; blocks the calling thread.
 */
public final class BlobReadPath implements LargeValueReader {
    private final BlobStore store;
    private final BlobPeerClient peerClient;
    private final Supplier<List<Peer>> peers;

    /**
     * @param peers the peers to fetch from, in the order to try them (called on each fetch, as
     *              the leader changes)
     */
    BlobReadPath(BlobStore store, BlobPeerClient peerClient, Supplier<List<Peer>> peers) {
        this.store = store;
        this.peerClient = peerClient;
        this.peers = peers;
    }

    /** The read path of the node {@code services} describe. */
    public static BlobReadPath of(NodeServices services) {
        return new BlobReadPath(services.blobs(), services.blobPeers(), new ClusterPeers(services.node())::leaderFirst);
    }

    /** Opens the whole value {@code ref} points to, for the JSON API; the caller closes it. */
    @Override
    public InputStream open(BlobRef ref) throws IOException {
        return openOrUnavailable(BlobId.of(ref.sha256()), 0, Long.MAX_VALUE).stream();
    }

    /**
     * {@link #open(BlobId, long, long)}, answering 503 (retryable) when no peer could supply the
     * blob, when the copy fetched was gone or corrupt again by the time it was opened, or when this
     * node has no room for a copy.
     */
    BlobContent openOrUnavailable(BlobId id, long offset, long length) throws IOException {
        try {
            return open(id, offset, length);
        } catch (BlobFetchException | BlobCorruptException e) {
            throw BlobErrors.blobUnavailable(
                    "this node lacks a good copy of the value and no peer could supply one; retry shortly", e);
        } catch (BlobStoreFullException e) {
            throw BlobErrors.blobUnavailable("this node lacks a copy of the value and has no room to fetch "
                    + "one (blob.reserveFreeBytes); read it from another node", e);
        }
    }

    /**
     * Opens {@code length} bytes from {@code offset} of a blob, fetching the blob from a peer first
     * if this node lacks a good copy. A whole read is hash-checked while streaming.
     *
     * @throws io.confman.blob.peer.BlobFetchException no peer supplied a good copy
     * @throws BlobCorruptException                     the fetched copy was missing or corrupt when opened
     * @throws io.confman.blob.BlobRangeException      {@code offset} is beyond the end
     */
    public BlobContent open(BlobId id, long offset, long length) throws IOException {
        Optional<BlobContent> local = store.open(id, offset, length);
        if (local.isPresent()) {
            return local.get();
        }
        peerClient.fetch(id, peers.get());
        return store.open(id, offset, length)
                .orElseThrow(() -> new BlobCorruptException(id, "fetched copy vanished or failed its check"));
    }
}
