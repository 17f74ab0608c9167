package io.confman.launcher.blob;

import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * HTTP calls of the blob tests: raw value PUT/GET and the internal endpoints. Bodies are streamed
 * both ways: uploads come from {@link GeneratedContent}, downloads go through a {@link
 * MessageDigest}; only small answers (JSON, problems) are read as text.
 */
final class BlobHttp {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final String TOKEN_HEADER = "X-Cluster-Token";

    private final HttpClient client;

    BlobHttp() {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build());
    }

    private BlobHttp(HttpClient client) {
        this.client = client;
    }

    /** A client whose connections come from {@code localAddress} (e.g. 127.0.0.2). */
    static BlobHttp boundTo(InetAddress localAddress) {
        return new BlobHttp(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).localAddress(localAddress).build());
    }

    /** A downloaded body as its length and SHA-256, with the answer's status and headers. */
    record Download(int status, HttpHeaders headers, long bytes, String sha256) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    static URI valueUri(Node node, String namespace, String key) {
        return node.url("api/v1/namespaces/" + namespace + "/config/" + key + "/value");
    }

    static URI internalUri(Node node, String rawId) {
        return URI.create(node.baseUrl() + "internal/blobs/" + rawId);
    }

    /** PUT of a generated value to the raw endpoint with the admin key and {@code headers}. */
    HttpResponse<String> putValue(Node node, String namespace, String key, GeneratedContent content,
                                  Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(valueUri(node, namespace, key))
                .timeout(TIMEOUT)
                .header("X-Api-Key", LocalCluster.ADMIN_KEY)
                .header("Content-Type", "application/octet-stream")
                .PUT(body(content));
        headers.forEach(builder::setHeader);
        return send(builder.build(), BodyHandlers.ofString());
    }

    /** GET of a raw value with the admin key and {@code headers}, hashed while streaming. */
    Download getValue(Node node, String namespace, String key, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(valueUri(node, namespace, key)).timeout(TIMEOUT)
                .header("X-Api-Key", LocalCluster.ADMIN_KEY).GET();
        headers.forEach(builder::setHeader);
        return download(builder.build());
    }

    /** Any request with a small or no body, answered as text. */
    HttpResponse<String> send(String method, URI uri, BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT).method(method, body);
        headers.forEach(builder::setHeader);
        return send(builder.build(), BodyHandlers.ofString());
    }

    Download download(HttpRequest request) {
        HttpResponse<InputStream> response = send(request, BodyHandlers.ofInputStream());
        MessageDigest digest = GeneratedContent.newDigest();
        long total = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) != -1) {
                digest.update(buffer, 0, n);
                total += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the body of " + request.uri() + " failed after " + total
                    + " bytes", e);
        }
        return new Download(response.statusCode(), response.headers(), total, HexFormat.of().formatHex(digest.digest()));
    }

    static BodyPublisher body(GeneratedContent content) {
        return content.sizeBytes() == 0 ? BodyPublishers.noBody()
                : BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(content::open), content.sizeBytes());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
