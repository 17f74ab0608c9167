package io.confman.web.blob;

import io.confman.blob.BlobDigestMismatchException;
import io.confman.blob.BlobId;
import io.confman.blob.BlobStore;
import io.confman.blob.BlobStoreFullException;
import io.confman.blob.BlobTooLargeException;
import io.confman.blob.PinnedPut;
import io.confman.blob.peer.BlobPeerClient;
import io.confman.blob.peer.BlobPushException;
import io.confman.blob.peer.ReplicatedPut;
import io.confman.codec.model.BlobRef;
import io.confman.web.NodeServices;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first half of a large write: stream a value into the local blob store and, in the same pass,
 * to the peers, until a quorum of members holds a durable copy ({@link
 * BlobPeerClient#storeAndPush}). Only after {@link #storeReplicated} returned may a pointer to the
 * blob be committed through Raft.
 *
 * <p>Used by the raw value endpoint and by the JSON configuration API for values at or over the
 * inline threshold. Thread-safe; blocks the calling (request) thread for the upload and the push.
 * Never holds the value in memory.
 */
public final class BlobWritePath {
    private static final Logger LOG = LoggerFactory.getLogger(BlobWritePath.class);

    /** How long an upload waits for a free slot before it is answered 503. */
    private static final Duration SLOT_WAIT = Duration.ofSeconds(1);
    /** One set of upload slots per node, found by the node's blob store. */
    private static final Map<BlobStore, Semaphore> SLOTS = Collections.synchronizedMap(new WeakHashMap<>());

    private final BlobPeerClient peerClient;
    private final ClusterPeers peers;
    private final Duration quorumTimeout;
    private final Semaphore slots;

    BlobWritePath(BlobPeerClient peerClient, ClusterPeers peers, Duration quorumTimeout, Semaphore slots) {
        this.peerClient = peerClient;
        this.peers = peers;
        this.quorumTimeout = quorumTimeout;
        this.slots = slots;
    }

    /** The write path of the node {@code services} describe; all of a node's write paths share its slots. */
    public static BlobWritePath of(NodeServices services) {
        Semaphore slots = SLOTS.computeIfAbsent(services.blobs(),
                store -> new Semaphore(services.blobSettings().maxConcurrentUploads(), true));
        return new BlobWritePath(services.blobPeers(), new ClusterPeers(services.node()),
                services.blobSettings().quorumTimeout(), slots);
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
     * @throws ApiException                                every upload slot stayed busy (503)
     * @throws IOException                                 reading the body failed
     */
    public ReplicatedBlob storeReplicated(InputStream in, String contentType, long maxBytes, Optional<BlobId> expected)
            throws IOException {
        acquireSlot();
        long started = System.nanoTime();
        ReplicatedPut replicated;
        try {
            replicated = peerClient.storeAndPush(in, maxBytes, expected, peers.leaderFirst(), peers.copiesNeeded(),
                    quorumTimeout);
        } finally {
            slots.release();
        }
        PinnedPut put = replicated.put();
        LOG.debug("Blob {} durable on this node and {} in {} ms", put.result().id(), replicated.confirmedPeerIds(),
                (System.nanoTime() - started) / 1_000_000);
        return new ReplicatedBlob(new BlobRef(put.result().id().hex(), put.result().sizeBytes(), contentType),
                put.result().created(), put);
    }

    /**
     * Takes one of the node's upload slots, waiting up to {@link #SLOT_WAIT}: bursts queue briefly,
     * and a node that stays busy answers 503 (retryable) rather than taking on more streams.
     */
    private void acquireSlot() throws IOException {
        try {
            if (!slots.tryAcquire(SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ApiException(ProblemType.TOO_MANY_UPLOADS, "this node is already receiving "
                        + "blob.maxConcurrentUploads values; retry shortly or send the value to another member");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for an upload slot");
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
            throw BlobErrors.badRequest("the body does not match its Content-Digest; nothing was stored");
        } catch (BlobTooLargeException e) {
            throw BlobErrors.tooLarge("value exceeds blob.maxSizeBytes (" + maxBytes + ")");
        } catch (BlobStoreFullException e) {
            throw BlobErrors.diskFull("no space left on this node for the value: " + e.getMessage(), e);
        } catch (BlobPushException e) {
            throw BlobErrors.replicationFailed("too few members confirmed a durable copy of the value "
                    + "within blob.quorumTimeoutMillis; nothing was committed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
