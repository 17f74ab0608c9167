package io.confman.blob.peer;

import io.confman.blob.BlobContent;
import io.confman.blob.BlobDigestMismatchException;
import io.confman.blob.BlobException;
import io.confman.blob.BlobId;
import io.confman.blob.BlobInfo;
import io.confman.blob.BlobStore;
import io.confman.blob.BlobStoreFullException;
import io.confman.blob.BlobTooLargeException;
import io.confman.blob.PinnedPut;
import io.confman.blob.PutResult;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-memory twin of {@link HttpBlobPeerClient}: peers are other {@link BlobStore}s in the
 * same JVM, looked up by peer id. A peer that is not {@link #connect connected} behaves as down.
 * Same ordering, verification, single-flight and quorum rules; pushes run on the calling thread,
 * so the returned future is already complete and the timeout is not used. Thread-safe.
 */
public final class InMemoryBlobPeerClient implements BlobPeerClient {
    private final LongAdder fetchedBlobs = new LongAdder();
    private final LongAdder badCopies = new LongAdder();

    private final BlobStore local;
    private final long maxBlobBytes;
    private final Map<String, BlobStore> reachable = new ConcurrentHashMap<>();
    private final SingleFlight flights = new SingleFlight();

    public InMemoryBlobPeerClient(BlobStore local, long maxBlobBytes) {
        this.local = Objects.requireNonNull(local, "local");
        this.maxBlobBytes = maxBlobBytes;
    }

    /** Makes the peer with this id reachable, served by {@code store}. */
    public void connect(String peerId, BlobStore store) {
        reachable.put(peerId, store);
    }

    /** Makes the peer with this id unreachable. */
    public void disconnect(String peerId) {
        reachable.remove(peerId);
    }

    @Override
    public FetchCounts fetchCounts() {
        return new FetchCounts(fetchedBlobs.sum(), badCopies.sum());
    }

    @Override
    public PutResult fetch(BlobId id, List<Peer> peers) throws IOException {
        return flights.run(id, () -> {
            Optional<BlobInfo> held = local.info(id);
            if (held.isPresent()) {
                return new PutResult(id, held.get().sizeBytes(), false);
            }
            List<PeerFailure> failures = new ArrayList<>();
            for (Peer peer : peers) {
                Optional<PutResult> copied = copy(peer, reachable.get(peer.id()), local, id, failures);
                if (copied.isPresent()) {
                    fetchedBlobs.increment();
                    return copied.get();
                }
            }
            throw new BlobFetchException(id, failures);
        });
    }

    /** Two passes, on the calling thread: the local put, then {@link #push}. */
    @Override
    public ReplicatedPut storeAndPush(InputStream in, long maxBytes, Optional<BlobId> expected, List<Peer> peers,
                                      int copiesNeeded, Duration timeout) throws IOException {
        PinnedPut put = local.putPinned(in, maxBytes, expected);
        try {
            PushResult pushed = push(put.result().id(), peers, copiesNeeded, timeout).join();
            return new ReplicatedPut(put, pushed.confirmedPeerIds());
        } catch (CompletionException e) {
            put.close();
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        } catch (RuntimeException e) {
            put.close();
            throw e;
        }
    }

    @Override
    public CompletableFuture<PushResult> push(BlobId id, List<Peer> peers, int copiesNeeded, Duration timeout) {
        PushQuorum quorum = new PushQuorum(id, copiesNeeded, peers);
        for (Peer peer : peers) {
            if (quorum.result().isDone()) {
                break;
            }
            BlobStore target = reachable.get(peer.id());
            if (target == null) {
                quorum.failed(peer.id(), "connection refused");
                continue;
            }
            List<PeerFailure> failures = new ArrayList<>();
            try {
                if (copy(peer, local, target, id, failures).isPresent()) {
                    quorum.confirmed(peer.id());
                } else {
                    quorum.failed(peer.id(), failures.getFirst().reason());
                }
            } catch (IOException e) {
                quorum.failed(peer.id(), e.getMessage());
            }
        }
        return quorum.result();
    }

    /** Streams one blob from {@code source} into {@code target}; a missing source means "down". */
    private Optional<PutResult> copy(Peer peer, BlobStore source, BlobStore target, BlobId id,
            List<PeerFailure> failures) throws IOException {
        if (source == null) {
            failures.add(new PeerFailure(peer.id(), "connection refused"));
            return Optional.empty();
        }
        Optional<BlobContent> content = source.open(id);
        if (content.isEmpty()) {
            failures.add(new PeerFailure(peer.id(), "HTTP 404"));
            return Optional.empty();
        }
        try (BlobContent open = content.get()) {
            return Optional.of(target.put(open.stream(), maxBlobBytes, Optional.of(id)));
        } catch (BlobStoreFullException e) {
            throw e;
        } catch (BlobDigestMismatchException | BlobTooLargeException e) {
            badCopies.increment();
            failures.add(new PeerFailure(peer.id(), e.getMessage()));
            return Optional.empty();
        } catch (BlobException e) {
            failures.add(new PeerFailure(peer.id(), e.getMessage()));
            return Optional.empty();
        }
    }
}
