package io.confman.web.blob;

import io.confman.blob.BlobDigestMismatchException;
import io.confman.blob.BlobId;
import io.confman.blob.BlobStore;
import io.confman.blob.BlobStoreFullException;
import io.confman.blob.BlobTooLargeException;
import io.confman.blob.PinnedPut;
import io.confman.blob.peer.BlobPeerClient;
import io.confman.blob.peer.BlobPushException;
import io.confman.codec.model.BlobRef;
import io.confman.web.NodeServices;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first half of a large write: stream a value into the local blob store while hashing it, then
 * push it to the peers in parallel until a quorum of members holds a durable copy. Only after
 * {@link #storeReplicated} returned may a pointer to the blob be committed through Raft.
 *
 * <p>Used by the raw value endpoint and by the JSON configuration API for values at or over the
 * inline threshold. Thread-safe; blocks the calling (request) thread for the upload and the push.
 * Never holds the value in memory.
 */
public final class BlobWritePath {
    private static final Logger LOG = LoggerFactory.getLogger(BlobWritePath.class);
    /** Extra wait beyond the quorum timeout for the push future to report its own timeout. */
    private static final Duration PUSH_GRACE = Duration.ofSeconds(5);

    private final BlobStore store;
    private final BlobPeerClient peerClient;
    private final ClusterPeers peers;
    private final Duration quorumTimeout;

    BlobWritePath(BlobStore store, BlobPeerClient peerClient, ClusterPeers peers, Duration quorumTimeout) {
        this.store = store;
        this.peerClient = peerClient;
        this.peers = peers;
        this.quorumTimeout = quorumTimeout;
    }

    /** The write path of the node {@code services} describe. */
    public static BlobWritePath of(NodeServices services) {
        return new BlobWritePath(services.blobs(), services.blobPeers(), new ClusterPeers(services.node()),
                services.blobSettings().quorumTimeout());
    }

    /**
     * Stores {@code in} (read to its end, not closed) and replicates it to a quorum.
     *
     * @param contentType the media type recorded in the pointer
     * @param maxBytes    the largest value accepted
     * @param expected    the SHA-256 the client announced, if any; a mismatch stores nothing
     * @return the pinned, replicated blob; close it after committing its pointer
     * @throws io.confman.blob.BlobTooLargeException       more than {@code maxBytes} were sent (413)
     * @throws io.confman.blob.BlobDigestMismatchException the content did not hash to {@code expected} (400)
     * @throws io.confman.blob.BlobStoreFullException      the local disk is full (507)
     * @throws BlobPushException                           too few peers confirmed a copy in time (503)
     * @throws IOException                                 reading the body failed
     */
    public ReplicatedBlob storeReplicated(InputStream in, String contentType, long maxBytes, Optional<BlobId> expected)
            throws IOException {
        PinnedPut put = store.putPinned(in, maxBytes, expected);
        try {
            BlobId id = put.result().id();
            replicate(id);
            return new ReplicatedBlob(new BlobRef(id.hex(), put.result().sizeBytes(), contentType),
                    put.result().created(), put);
        } catch (IOException | RuntimeException e) {
            put.close();
            throw e;
        }
    }

    /**
     * {@link #storeReplicated} for a request handler: each failure becomes the problem the client
     * is answered with (400 digest mismatch, 413 too large, 507 disk full, 503 too few copies).
     */
    ReplicatedBlob storeReplicatedForRequest(InputStream in, String contentType, long maxBytes,
                                             Optional<BlobId> expected) {
        try {
            return storeReplicated(in, contentType, maxBytes, expected);
        } catch (BlobDigestMismatchException e) {
            throw BlobHttpException.badRequest("the body does not match its Content-Digest; nothing was stored");
        } catch (BlobTooLargeException e) {
            throw BlobHttpException.tooLarge("value exceeds blob.maxSizeBytes (" + maxBytes + ")");
        } catch (BlobStoreFullException e) {
            throw BlobHttpException.diskFull("no space left on this node for the value: " + e.getMessage(), e);
        } catch (BlobPushException e) {
            throw BlobHttpException.replicationFailed("too few members confirmed a durable copy of the value "
                    + "within blob.quorumTimeoutMillis; nothing was committed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void replicate(BlobId id) throws IOException {
        int needed = peers.copiesNeeded();
        long started = System.nanoTime();
        try {
            List<String> confirmed = peerClient.push(id, peers.leaderFirst(), needed, quorumTimeout)
                    .get(quorumTimeout.plus(PUSH_GRACE).toMillis(), TimeUnit.MILLISECONDS)
                    .confirmedPeerIds();
            LOG.debug("Blob {} durable on this node and {} in {} ms", id, confirmed,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while replicating blob " + id);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("pushing blob " + id + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new BlobPushException(id, needed, 0, List.of());
        }
    }
}
