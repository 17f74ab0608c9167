package io.confman.blob.peer;

import io.confman.blob.BlobId;
import io.confman.blob.BlobStore;
import io.confman.blob.PinnedPut;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One value written in one pass: the request body is read once, and in the same pass hashed and
 * written to the local store's temp file and streamed to every peer's {@code POST
 * /internal/blobs}. A peer hashes what it receives, syncs it, and answers with the id it stored
 * ({@code Location}); its copy counts only if that id equals the local one. So the local fsync and
 * the peers' run at the same time, and nobody reads the value back from disk.
 *
 * <p>A peer that lags is dropped from the pass (see {@link Fanout}); a peer that failed, was dropped
 * or does not take pipelined uploads is sent the finished blob from the local copy, as {@link
 * BlobPeerClient#push} does: before answering when the pass alone did not reach the quorum, in the
 * background otherwise, so every member soon holds a copy. Used by {@link HttpBlobPeerClient}; one instance
 * per write, on the request's thread.
 */
final class PipelinedUpload {
    private static final Logger LOG = LoggerFactory.getLogger(PipelinedUpload.class);
    static final String UPLOADS_PATH = "internal/blobs";
    /** Extra wait beyond the deadline for a fallback push to report its own timeout. */
    private static final long PUSH_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Bound on copying a finished blob to a peer left out of the quorum. */
    private static final Duration BACKGROUND_PUSH_TIMEOUT = Duration.ofMinutes(10);

    private final HttpBlobPeerClient client;
    private final HttpClient http;
    private final BlobStore store;
    private final String clusterToken;

    PipelinedUpload(HttpBlobPeerClient client, HttpClient http, BlobStore store, String clusterToken) {
        this.client = client;
        this.http = http;
        this.store = store;
        this.clusterToken = clusterToken;
    }

    /** What one peer answered to its share of the pass: the id it stored, or why it did not. */
    private record Answer(Optional<BlobId> stored, String failure) {
    }

    ReplicatedPut run(InputStream in, long maxBytes, Optional<BlobId> expected, List<Peer> peers, int copiesNeeded,
                      Duration timeout) throws IOException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Map<String, CompletableFuture<HttpResponse<Void>>> requests = new ConcurrentHashMap<>();
        Fanout fanout = new Fanout(copiesNeeded, deadline, peerId -> requests.get(peerId).cancel(true));
        Map<Peer, CompletableFuture<Answer>> answers = new LinkedHashMap<>();
        if (copiesNeeded > 0 && peers.size() >= copiesNeeded) {
            for (Peer peer : peers) {
                CompletableFuture<HttpResponse<Void>> request = send(peer, fanout.add(peer.id()), expected, timeout);
                requests.put(peer.id(), request);
                answers.put(peer, request.handle((response, failure) -> failure != null
                        ? new Answer(Optional.empty(), HttpBlobPeerClient.describe(failure))
                        : answerOf(response, expected)));
            }
        }
        PinnedPut put;
        try {
            put = store.putPinned(fanout.tee(in), maxBytes, expected);
        } catch (IOException | RuntimeException e) {
            fanout.abort(e);
            requests.values().forEach(request -> request.cancel(true));
            throw e;
        }
        long storedLocally = System.nanoTime();
        try {
            BlobId id = put.result().id();
            if (copiesNeeded > 0 && peers.size() < copiesNeeded) {
                throw new BlobPushException(id, copiesNeeded, 0,
                        List.of(new PeerFailure("-", "only " + peers.size() + " distinct peer(s) given")));
            }
            List<String> confirmed = awaitCopies(id, answers, copiesNeeded, deadline);
            LOG.debug("Blob {} ({} bytes) durable here in {} ms and on {} in {} ms (dropped from the pass: {})", id,
                    put.result().sizeBytes(), (storedLocally - started) / 1_000_000, confirmed,
                    (System.nanoTime() - started) / 1_000_000, fanout.dropped());
            return new ReplicatedPut(put, confirmed);
        } catch (IOException | RuntimeException e) {
            put.close();
            throw e;
        }
    }

    /**
     * Sends one peer its share: to {@code PUT /internal/blobs/{id}} when the caller announced the
     * id (the peer then refuses other bytes itself), else to {@code POST /internal/blobs}.
     */
    private CompletableFuture<HttpResponse<Void>> send(Peer peer, PeerFeed feed, Optional<BlobId> expected,
                                                       Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(peer.baseUrl().resolve(
                        expected.map(id -> UPLOADS_PATH + "/" + id.hex()).orElse(UPLOADS_PATH)))
                .timeout(timeout)
                .header(HttpBlobPeerClient.CLUSTER_TOKEN_HEADER, clusterToken)
                .header("Content-Type", "application/octet-stream");
        HttpRequest request = expected.isPresent()
                ? builder.PUT(BodyPublishers.fromPublisher(feed)).build()
                : builder.POST(BodyPublishers.fromPublisher(feed)).build();
        return http.sendAsync(request, BodyHandlers.discarding());
    }

    private static Answer answerOf(HttpResponse<Void> response, Optional<BlobId> expected) {
        int status = response.statusCode();
        if (expected.isPresent() && (status == 201 || status == 204)) {
            return new Answer(expected, null); // the peer verified the bytes against the id itself
        }
        if (status != 200 && status != 201) {
            return new Answer(Optional.empty(), "HTTP " + status);
        }
        Optional<BlobId> stored = response.headers().firstValue("Location")
                .map(location -> location.substring(location.lastIndexOf('/') + 1))
                .filter(BlobId::isValid)
                .map(BlobId::of);
        return new Answer(stored, stored.isPresent() ? null : "no stored id in the answer");
    }

    /**
     * Waits for the pass's answers until {@code copiesNeeded} peers stored {@code id}; if the pass
     * cannot get there, copies the local blob to the peers that failed. Peers left out of the
     * quorum get their copy in the background.
     */
    private List<String> awaitCopies(BlobId id, Map<Peer, CompletableFuture<Answer>> answers, int copiesNeeded,
                                     long deadline) throws IOException {
        Tally tally = new Tally(id, copiesNeeded, answers.size());
        answers.forEach((peer, answer) -> answer.thenAccept(a -> tally.add(peer, a)));
        await(tally.enough, deadline, id);
        Tally.Outcome outcome = tally.outcome();
        if (outcome.confirmed().size() >= copiesNeeded) {
            answers.forEach((peer, answer) -> answer.thenAccept(a -> {
                if (a.stored().filter(id::equals).isEmpty()) {
                    catchUpInBackground(id, peer);
                }
            }));
            return outcome.confirmed();
        }
        int missing = copiesNeeded - outcome.confirmed().size();
        LOG.debug("Blob {}: the pass gave {} of {} copies ({}); pushing the stored copy", id,
                outcome.confirmed().size(), copiesNeeded, outcome.failures());
        CompletableFuture<PushResult> pushed = client.push(id, outcome.behind(), missing, remaining(deadline));
        try {
            PushResult result = await(pushed, deadline + PUSH_GRACE_NANOS, id);
            if (result == null) {
                throw new BlobPushException(id, copiesNeeded, outcome.confirmed().size(), outcome.failures());
            }
            List<String> all = new ArrayList<>(outcome.confirmed());
            all.addAll(result.confirmedPeerIds());
            return all;
        } catch (BlobPushException e) {
            List<PeerFailure> all = new ArrayList<>(outcome.failures());
            all.addAll(e.failures());
            throw new BlobPushException(id, copiesNeeded, outcome.confirmed().size(), all);
        }
    }

    /** Counts the pass's answers; {@link #enough} completes at the quorum or when all answered. */
    private static final class Tally {
        private final BlobId id;
        private final int needed;
        private final int expected;
        private final List<String> confirmed = new ArrayList<>();
        private final List<Peer> behind = new ArrayList<>();
        private final List<PeerFailure> failures = new ArrayList<>();
        final CompletableFuture<Void> enough = new CompletableFuture<>();

        record Outcome(List<String> confirmed, List<Peer> behind, List<PeerFailure> failures) {
        }

        Tally(BlobId id, int needed, int expected) {
            this.id = id;
            this.needed = needed;
            this.expected = expected;
            if (needed <= 0) {
                enough.complete(null);
            }
        }

        synchronized void add(Peer peer, Answer answer) {
            if (answer.stored().filter(id::equals).isPresent()) {
                confirmed.add(peer.id());
            } else {
                behind.add(peer);
                failures.add(new PeerFailure(peer.id(), answer.stored().isPresent()
                        ? "stored " + answer.stored().get() + ", not " + id : answer.failure()));
            }
            if (confirmed.size() >= needed || confirmed.size() + failures.size() == expected) {
                enough.complete(null);
            }
        }

        synchronized Outcome outcome() {
            return new Outcome(List.copyOf(confirmed), List.copyOf(behind), List.copyOf(failures));
        }
    }

    /** Sends the stored copy to a peer the pass left behind; the reconciler retries a failure. */
    private void catchUpInBackground(BlobId id, Peer peer) {
        client.push(id, List.of(peer), 1, BACKGROUND_PUSH_TIMEOUT).whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.debug("Blob {}: copying it to {} afterwards failed ({}); the reconciler retries", id, peer.id(),
                        failure.getMessage());
            }
        });
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    /** The future's value, or null when {@code deadline} passed first. */
    private static <T> T await(CompletableFuture<T> future, long deadline, BlobId id) throws IOException {
        try {
            return future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while replicating blob " + id);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("replicating blob " + id + " failed", e.getCause());
        } catch (TimeoutException e) {
            return null;
        }
    }
}
