package io.confman.monitor.client;

import io.confman.codec.wire.HealthReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads {@code GET /health/ready} (and, for the charts, {@code GET /metrics}) of one node without
 * blocking the caller.
 *
 * <p>Thread contract: {@link #probe} may be called from any thread, concurrently; the returned
 * future completes on an HTTP client thread and never completes exceptionally — every failure
 * becomes a {@link NodePoll#failed} result. A 503 answer still carries the health body (API.md)
 * and counts as reachable. The caller closes the probe, which closes its HTTP client.
 */
public final class HealthProbe implements AutoCloseable {

    /** Health bodies are small; anything bigger is not a Confman node. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpClient http;
    private final Timeouts timeouts;
    private final Clock clock;

    public HealthProbe(Timeouts timeouts, Clock clock) {
        this.timeouts = timeouts;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Probes one node; see the class comment for the contract. */
    public CompletableFuture<NodePoll> probe(URI node) {
        HttpRequest request = HttpRequest.newBuilder(Endpoints.resolve(node, "health/ready"))
                .timeout(timeouts.request())
                .header("Accept", "application/json")
                .GET()
                .build();
        long overallMillis = timeouts.connect().plus(timeouts.request()).toMillis();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .orTimeout(overallMillis, TimeUnit.MILLISECONDS)
                .handle((response, failure) -> failure == null
                        ? parse(node, response)
                        : NodePoll.failed(node, clock.instant(), describe(failure)));
    }

    private NodePoll parse(URI node, HttpResponse<byte[]> response) {
        byte[] body = response.body();
        if (body.length == 0 || body.length > MAX_BODY_BYTES) {
            return NodePoll.failed(node, clock.instant(), "HTTP " + response.statusCode() + " without a health body");
        }
        try {
            HealthReport report = Json.MAPPER.readValue(body, HealthReport.class);
            if (report.cluster() == null) {
                return NodePoll.failed(node, clock.instant(), "HTTP " + response.statusCode() + ": no cluster section");
            }
            return NodePoll.answered(node, clock.instant(), report);
        } catch (IOException e) {
            return NodePoll.failed(node, clock.instant(), "HTTP " + response.statusCode() + ": unreadable health body");
        }
    }

    /**
     * Scrapes one node's {@code /metrics} for the charts. Never completes exceptionally: a node
     * that does not answer, or answers something unreadable, gives null (the charts then skip it
     * for that round; its health decides whether it is offline).
     */
    public CompletableFuture<NodeMetrics> metrics(URI node) {
        HttpRequest request = HttpRequest.newBuilder(Endpoints.resolve(node, "metrics"))
                .timeout(timeouts.request())
                .GET()
                .build();
        long overallMillis = timeouts.connect().plus(timeouts.request()).toMillis();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .orTimeout(overallMillis, TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    if (failure != null || response.statusCode() != 200 || response.body().length() > MAX_BODY_BYTES) {
                        return null;
                    }
                    try {
                        return MetricsText.nodeMetrics(response.body());
                    } catch (ClientException e) {
                        return null;
                    }
                });
    }

    /** A short, user-facing reason for a failed probe. */
    static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "timed out";
        }
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
