package io.confman.launcher.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** A small HTTP client for tests: every call bounded by short timeouts, failures as empty. */
public final class HttpProbe {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** Above every server-side timeout a test waits out (the Raft request timeout is 10 s by default). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;

    public HttpProbe() {
        this(Optional.empty());
    }

    /** {@code tls}: the context https URLs are checked with (a test cluster's CA). */
    public HttpProbe(Optional<SSLContext> tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
        tls.ifPresent(builder::sslContext);
        client = builder.build();
    }

    /** GET, or empty when the node does not answer. */
    public Optional<HttpResponse<String>> get(URI uri, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(uri).GET(), headers);
    }

    /** Sends {@code method} with a body; throws when the node does not answer. */
    public HttpResponse<String> send(String method, URI uri, String body, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(uri).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(builder, headers).orElseThrow(() -> new AssertionError(method + " " + uri + " got no answer"));
    }

    private Optional<HttpResponse<String>> send(HttpRequest.Builder builder, Map<String, String> headers) {
        builder.timeout(REQUEST_TIMEOUT);
        headers.forEach(builder::header);
        try {
            return Optional.of(client.send(builder.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
