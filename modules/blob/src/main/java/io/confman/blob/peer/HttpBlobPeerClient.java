package io.confman.blob.peer;

import io.confman.blob.BlobContent;
import io.confman.blob.BlobCorruptException;
import io.confman.blob.BlobDigestMismatchException;
import io.confman.blob.BlobId;
import io.confman.blob.BlobInfo;
import io.confman.blob.BlobStore;
import io.confman.blob.BlobStoreFullException;
import io.confman.blob.BlobTooLargeException;
import io.confman.blob.IdleTimeoutInputStream;
import io.confman.blob.PutResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BlobPeerClient} over the internal HTTP endpoints ({@code GET}/{@code PUT
 * {peer}internal/blobs/{sha256}} with {@code X-Cluster-Token}), using the JDK's HTTP client over
 * HTTP/1.1. Bodies are streamed both ways: a fetched body goes straight into {@link
 * BlobStore#put} with the expected id; a pushed body is read from the local store with a known
 * {@code Content-Length}.
 *
 * <p>Owns its {@link HttpClient}: {@link #close} stops it and aborts requests in flight. The
 * request timeout bounds connecting, waiting for a peer's answer headers, and each wait for more
 * of a fetched body: a peer that stops sending mid-stream is given up and the next one tried.
 */
public final class HttpBlobPeerClient implements BlobPeerClient, AutoCloseable {
    private final LongAdder fetchedBlobs = new LongAdder();
    private final LongAdder badCopies = new LongAdder();

    private static final Logger LOG = LoggerFactory.getLogger(HttpBlobPeerClient.class);

    /** Header carrying the shared secret that guards the internal endpoints. */
    public static final String CLUSTER_TOKEN_HEADER = "X-Cluster-Token";

    private final BlobStore store;
    private final String clusterToken;
    private final long maxBlobBytes;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final SingleFlight flights = new SingleFlight();
    private final ScheduledThreadPoolExecutor watchdogs = IdleTimeoutInputStream.watchdogThread("blob-fetch-watchdog");

    /**
     * @param store the local store fetched blobs go into and pushed blobs come from
     * @param clusterToken the shared secret sent to peers
     * @param maxBlobBytes the largest blob accepted from a peer
     * @param requestTimeout bound on connecting to a peer, on waiting for its answer, and on each
     *                       wait for more of a fetched body
     */
    public HttpBlobPeerClient(BlobStore store, String clusterToken, long maxBlobBytes, Duration requestTimeout) {
        this(store, clusterToken, maxBlobBytes, requestTimeout, Optional.empty());
    }

    /**
     * As above; with {@code tls}, peers are reached over HTTPS and must present a certificate that
     * {@code tls} trusts (the cluster CA) for their host.
     */
    public HttpBlobPeerClient(BlobStore store, String clusterToken, long maxBlobBytes, Duration requestTimeout,
                              Optional<SSLContext> tls) {
        this.store = Objects.requireNonNull(store, "store");
        this.clusterToken = Objects.requireNonNull(clusterToken, "clusterToken");
        this.maxBlobBytes = maxBlobBytes;
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        HttpClient.Builder http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        tls.ifPresent(http::sslContext);
        this.http = http.build();
    }

    @Override
    public FetchCounts fetchCounts() {
        return new FetchCounts(fetchedBlobs.sum(), badCopies.sum());
    }

    @Override
    public PutResult fetch(BlobId id, List<Peer> peers) throws IOException {
        return flights.run(id, () -> {
            Optional<BlobInfo> held = store.info(id);
            if (held.isPresent()) {
                return new PutResult(id, held.get().sizeBytes(), false);
            }
            List<PeerFailure> failures = new ArrayList<>();
            for (Peer peer : peers) {
                Optional<PutResult> fetched = fetchFrom(peer, id, failures);
                if (fetched.isPresent()) {
                    fetchedBlobs.increment();
                    LOG.debug("Fetched blob {} ({} bytes) from {}", id, fetched.get().sizeBytes(), peer.id());
                    return fetched.get();
                }
            }
            throw new BlobFetchException(id, failures);
        });
    }

    private Optional<PutResult> fetchFrom(Peer peer, BlobId id, List<PeerFailure> failures) throws IOException {
        HttpRequest request = request(peer, id).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    failures.add(new PeerFailure(peer.id(), "HTTP " + response.statusCode()));
                    return Optional.empty();
                }
                return Optional.of(store.put(new IdleTimeoutInputStream(body, requestTimeout, watchdogs), maxBlobBytes,
                        Optional.of(id)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching blob " + id);
        } catch (BlobStoreFullException e) {
            throw e;
        } catch (BlobDigestMismatchException | BlobTooLargeException e) {
            badCopies.increment();
            LOG.warn("Peer {} served a bad copy of blob {}: {}", peer.id(), id, e.getMessage());
            failures.add(new PeerFailure(peer.id(), e.getMessage()));
        } catch (IOException e) {
            failures.add(new PeerFailure(peer.id(), describe(e)));
        }
        return Optional.empty();
    }

    /**
     * One pass over the bytes: see {@link PipelinedUpload}. Peers that lag, fail or do not take
     * pipelined uploads are sent the stored copy afterwards.
     */
    @Override
    public ReplicatedPut storeAndPush(InputStream in, long maxBytes, Optional<BlobId> expected, List<Peer> peers,
                                      int copiesNeeded, Duration timeout) throws IOException {
        return new PipelinedUpload(this, http, store, clusterToken).run(in, maxBytes, expected, peers, copiesNeeded,
                timeout);
    }

    @Override
    public CompletableFuture<PushResult> push(BlobId id, List<Peer> peers, int copiesNeeded, Duration timeout) {
        PushQuorum quorum = new PushQuorum(id, copiesNeeded, peers);
        if (quorum.result().isDone()) {
            return quorum.result();
        }
        Optional<BlobInfo> held;
        try {
            held = store.info(id);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (held.isEmpty()) {
            peers.forEach(peer -> quorum.failed(peer.id(), "blob not held locally"));
            return quorum.result();
        }
        List<CompletableFuture<HttpResponse<Void>>> requests = new ArrayList<>();
        for (Peer peer : peers) {
            Queue<InputStream> opened = new ConcurrentLinkedQueue<>();
            CompletableFuture<HttpResponse<Void>> sent = http.sendAsync(
                    pushRequest(peer, id, held.get().sizeBytes(), opened, timeout), BodyHandlers.discarding());
            requests.add(sent);
            sent.whenComplete((response, failure) -> {
                opened.forEach(HttpBlobPeerClient::closeQuietly);
                if (failure != null) {
                    quorum.failed(peer.id(), describe(failure));
                } else if (response.statusCode() == 201 || response.statusCode() == 204) {
                    quorum.confirmed(peer.id());
                } else {
                    quorum.failed(peer.id(), "HTTP " + response.statusCode());
                }
            });
        }
        CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS).execute(quorum::timedOut);
        quorum.result().whenComplete((result, failure) -> {
            if (failure != null) {
                requests.forEach(request -> request.cancel(true));
            }
        });
        return quorum.result();
    }

    /**
     * A push's answer comes only after the whole body is uploaded and synced, so its request is
     * bounded by the push timeout, not by the (short) request timeout meant for answer headers.
     */
    private HttpRequest pushRequest(Peer peer, BlobId id, long sizeBytes, Queue<InputStream> opened, Duration timeout) {
        // The JDK refuses a fixed length of zero; the empty blob is sent as an empty body.
        HttpRequest.BodyPublisher body = sizeBytes == 0 ? BodyPublishers.noBody()
                : BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> {
                    InputStream stream = openForPush(id);
                    opened.add(stream);
                    return stream;
                }), sizeBytes);
        return request(peer, id)
                .timeout(timeout)
                .header("Content-Type", "application/octet-stream")
                .PUT(body)
                .build();
    }

    /**
     * Opens the local copy for one push body. A failure to open becomes a stream that fails on
     * its first read, so the request fails like any other broken upload.
     */
    private InputStream openForPush(BlobId id) {
        try {
            BlobContent content = store.open(id)
                    .orElseThrow(() -> new BlobCorruptException(id, "no good local copy to push"));
            return content.stream();
        } catch (IOException e) {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    throw e;
                }
            };
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("Closing a pushed blob stream failed", e);
        }
    }

    private HttpRequest.Builder request(Peer peer, BlobId id) {
        URI uri = peer.baseUrl().resolve("internal/blobs/" + id.hex());
        return HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header(CLUSTER_TOKEN_HEADER, clusterToken);
    }

    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && (cause.getMessage() == null || cause instanceof java.util.concurrent.CompletionException)) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException) {
            // The request's own timeout and the push deadline can fire in either order; both mean the same.
            return "timed out";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Stops the HTTP client, aborting requests in flight, and the fetch watchdog. */
    @Override
    public void close() {
        http.shutdownNow();
        watchdogs.shutdownNow();
    }
}
