package io.confman.monitor.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows one namespace's watch stream ({@code GET .../watch}, Server-Sent Events) across
 * failures: when the stream ends or its node fails, it reconnects — to the next node of the list —
 * resuming with {@code Last-Event-ID} after the last change it passed on, so that no change is
 * missed or repeated. A 410 (the changes since then are no longer retained) starts over with the
 * next change and tells the listener to read the namespace again. A stream silent for {@link
 * #STALL_TIMEOUT} (the node sends a heartbeat every 15 s by default) counts as failed.
 *
 * <p>Threads: one daemon thread per watch reads the stream and calls the {@link Listener} in
 * order; the listener must hand work to the UI thread itself and never block for long. {@link
 * #close} may be called from any thread; the listener is not called after it returns (bar a call
 * already under way).
 */
public final class NamespaceWatch implements AutoCloseable {

    /** A stream without a byte for this long is given up and reopened. */
    public static final Duration STALL_TIMEOUT = Duration.ofSeconds(40);
    /** Wait before reconnecting after a failure, unless the node asked for another ({@code retry:}). */
    public static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    /** Wait before trying again after the node refused the watch (401, 403, 404). */
    public static final Duration REFUSED_DELAY = Duration.ofSeconds(10);

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "confman-watch-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /** What a watch reports; called on the watch's own thread, in order. */
    public interface Listener {
        /**
         * The stream is open on {@code node}. {@code resumed}: it continues right after the last
         * change passed on; otherwise it starts with the next change, and what the caller shows
         * may lack the changes before it (first open, or after a 410): read the namespace again.
         */
        void opened(URI node, boolean resumed);

        /** One change, in revision order. */
        void changed(WatchEvent event);

        /** The stream failed or was refused; the watch tries again (the reason is for the user). */
        void interrupted(String reason);
    }

    private final List<URI> nodes;
    private final String apiKey;
    private final String namespace;
    private final Listener listener;
    private final Timeouts timeouts;
    private final HttpClient http;
    private final Thread thread;
    private volatile boolean closed;
    private volatile InputStream body;
    private volatile long lastByteNanos;
    private String lastEventId;
    private long retryMillis = RECONNECT_DELAY.toMillis();

    private NamespaceWatch(List<URI> nodes, int first, String apiKey, String namespace, Listener listener,
                           Timeouts timeouts) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no node to watch");
        }
        this.nodes = List.copyOf(nodes);
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.namespace = namespace;
        this.listener = listener;
        this.timeouts = timeouts;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeouts.connect()).build();
        this.thread = Thread.ofPlatform().daemon().name("confman-watch-" + namespace)
                .unstarted(() -> run(Math.floorMod(first, this.nodes.size())));
    }

    /**
     * Starts watching {@code namespace}, first on {@code nodes.get(first)}.
     *
     * @param timeouts connect timeout, and how long to wait for the stream's headers
     */
    public static NamespaceWatch start(List<URI> nodes, int first, String apiKey, String namespace,
                                       Listener listener, Timeouts timeouts) {
        NamespaceWatch watch = new NamespaceWatch(nodes, first, apiKey, namespace, listener, timeouts);
        watch.thread.start();
        return watch;
    }

    /** The namespace watched. */
    public String namespace() {
        return namespace;
    }

    private void run(int first) {
        int next = first;
        while (!closed) {
            URI node = nodes.get(next);
            Duration pause;
            try {
                pause = follow(node);
            } catch (IOException e) {
                pause = Duration.ofMillis(retryMillis);
                report(node + ": " + HealthProbe.describe(e));
            } catch (InterruptedException e) {
                return;
            }
            next = (next + 1) % nodes.size();
            if (!pause.isZero() && !sleep(pause)) {
                return;
            }
        }
    }

    /** Follows one stream on {@code node} until it ends; answers how long to wait before the next try. */
    private Duration follow(URI node) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        Endpoints.resolve(node, "api/v1/namespaces/" + Endpoints.segment(namespace) + "/watch"))
                .header("Accept", "text/event-stream")
                .GET();
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        boolean resuming = lastEventId != null;
        if (resuming) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = headers(request.build());
        try (InputStream stream = response.body()) {
            int status = response.statusCode();
            if (status == 410) {
                report("the changes after revision " + lastEventId + " are no longer retained: reading "
                        + namespace + " again");
                lastEventId = null;
                return Duration.ZERO;
            }
            if (status != 200) {
                report(node + " refused the watch: HTTP " + status);
                return status == 401 || status == 403 || status == 404 ? REFUSED_DELAY : Duration.ofMillis(retryMillis);
            }
            body = stream;
            lastByteNanos = System.nanoTime();
            if (closed) {
                return Duration.ZERO;
            }
            var stall = WATCHDOG.scheduleAtFixedRate(() -> closeIfStalled(stream), 1, 1, TimeUnit.SECONDS);
            try {
                listener.opened(node, resuming);
                read(stream);
            } finally {
                stall.cancel(false);
                body = null;
            }
        }
        if (!closed) {
            report(node + " ended the watch stream");
        }
        return Duration.ofMillis(retryMillis);
    }

    /**
     * Sends the request and waits for the answer's headers at most the request timeout (a request
     * timeout of the HTTP client itself might also cover the endless body).
     */
    private HttpResponse<InputStream> headers(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<InputStream>> answer =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try {
            return answer.get(timeouts.request().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpTimeoutException("no answer within " + timeouts.request().toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        }
    }

    /** Reads events until the stream ends; each passes to the listener as soon as it is complete. */
    private void read(InputStream stream) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        String id = null;
        StringBuilder data = new StringBuilder();
        for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
            lastByteNanos = System.nanoTime();
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    listener.changed(Json.MAPPER.readValue(data.toString(), WatchEvent.class));
                    if (id != null) {
                        lastEventId = id;
                    }
                }
                id = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = field(line, 3);
            } else if (line.startsWith("data:")) {
                data.append(field(line, 5));
            } else if (line.startsWith("retry:")) {
                try {
                    retryMillis = Math.max(100, Long.parseLong(field(line, 6)));
                } catch (NumberFormatException ignored) {
                    // a malformed retry field is ignored, as the SSE specification says
                }
            }
        }
    }

    private static String field(String line, int nameLength) {
        String value = line.substring(nameLength);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    private void closeIfStalled(InputStream stream) {
        if (System.nanoTime() - lastByteNanos > STALL_TIMEOUT.toNanos()) {
            closeQuietly(stream);
        }
    }

    private void report(String reason) {
        if (!closed) {
            listener.interrupted(reason);
        }
    }

    private boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // the reader ends either way
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream stream = body;
        if (stream != null) {
            closeQuietly(stream);
        }
        thread.interrupt();
        http.shutdownNow();
    }
}
