package io.confman.blob.peer;

import io.confman.blob.BlobId;
import io.confman.blob.PutResult;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Moves blobs between this node's store and its peers'. Thread-safe; both methods may be called
 * from any thread, concurrently.
 *
 * <p><b>Fetch</b> blocks the calling thread. It tries the peers in the order given (callers put
 * the leader first) and streams the first answer into the local store, verified against the id;
 * a wrong or broken copy moves on to the next peer. Concurrent fetches of one id share a single
 * download and its outcome. If the blob is already held locally, fetch returns at once.
 *
 * <p><b>Store and push</b> blocks the calling thread: it stores a new value in the local store and
 * gets durable copies with the same id on {@code copiesNeeded} peers, failing with {@link
 * BlobPushException} when too few confirm within the timeout. How the bytes travel is the
 * implementation's choice (the HTTP client streams them to the peers while storing them).
 *
 * <p><b>Push</b> returns at once; the future completes when {@code copiesNeeded} peers confirmed
 * a durable copy, or fails with {@link BlobPushException} as soon as that is impossible or the
 * timeout passes. The blob is streamed from the local store to each peer in parallel; the caller
 * keeps it pinned until the future completes. Pushes still running when the quorum is reached
 * carry on (extra copies are welcome); after a failure they are cancelled.
 */
public interface BlobPeerClient {

    /**
     * Ensures the blob is held locally, downloading it from a peer if needed.
     *
     * @throws BlobFetchException no peer supplied a good copy (per-peer reasons inside)
     * @throws io.confman.blob.BlobStoreFullException the local disk is full
     */
    PutResult fetch(BlobId id, List<Peer> peers) throws IOException;

    /** How many blobs this client fetched from peers, and how many bad copies peers served, since start. */
    FetchCounts fetchCounts();

    /**
     * Fetch counters, for {@code /metrics}.
     *
     * @param fetched   blobs downloaded from a peer and stored
     * @param badCopies copies a peer served whose SHA-256 did not match their id (or were too large);
     *                  each was discarded and the next peer tried
     */
    record FetchCounts(long fetched, long badCopies) {
    }

    /**
     * Stores {@code in} (read to its end, not closed) locally and on {@code copiesNeeded} peers.
     *
     * @param maxBytes the largest value accepted
     * @param expected the id the caller announced, if any; a mismatch stores nothing
     * @return the pinned local put and the peers that confirmed; close it after committing
     * @throws io.confman.blob.BlobTooLargeException       more than {@code maxBytes} were read
     * @throws io.confman.blob.BlobDigestMismatchException the content did not hash to {@code expected}
     * @throws io.confman.blob.BlobStoreFullException      the local disk is full
     * @throws BlobPushException                           too few peers confirmed a copy in time
     */
    ReplicatedPut storeAndPush(InputStream in, long maxBytes, Optional<BlobId> expected, List<Peer> peers,
                               int copiesNeeded, Duration timeout) throws IOException;

    /** Copies a locally held blob to peers until {@code copiesNeeded} of them hold it. */
    CompletableFuture<PushResult> push(BlobId id, List<Peer> peers, int copiesNeeded, Duration timeout);
}
