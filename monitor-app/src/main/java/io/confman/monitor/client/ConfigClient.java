package io.confman.monitor.client;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The read side of the data API, used by the browser: namespaces, entries, one entry's value,
 * audit trail, and raw values streamed to a file.
 *
 * <p>Thread contract: blocking calls, safe to use from several background threads at once; never
 * call them on the FX thread. Every request carries the API key (when one is set) and a request
 * timeout; downloads get a longer one, as their body streams after the headers. The caller closes
 * the client.
 */
public final class ConfigClient implements AutoCloseable {

    /** Preview size for blob-backed values, fetched with a {@code Range} request. */
    public static final int PREVIEW_BYTES = 4096;
    /** A raw value download may take this long in total. */
    public static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(30);

    private final HttpClient http;
    private final URI node;
    private final String apiKey;
    private final Timeouts timeouts;

    /**
     * @param node     the node to ask (any node serves reads)
     * @param apiKey   the {@code X-Api-Key} value, or null/blank for none
     * @param timeouts connect and request timeouts for JSON calls
     */
    public ConfigClient(URI node, String apiKey, Timeouts timeouts) {
        this.node = node;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.timeouts = timeouts;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeouts.connect())
                .build();
    }

    /** The node this client reads from. */
    public URI node() {
        return node;
    }

    /** {@code GET /api/v1/namespaces}. */
    public List<NamespaceInfo> namespaces() throws ClientException {
        return getJson("api/v1/namespaces", new TypeReference<List<NamespaceInfo>>() { });
    }

    /** {@code GET .../config}, values left out (see {@link EntryListReader}). */
    public List<ConfigEntry> entries(String namespace) throws ClientException {
        String path = "api/v1/namespaces/" + Endpoints.segment(namespace) + "/config";
        HttpResponse<InputStream> response = send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            requireOk(response.statusCode(), path);
            return EntryListReader.read(body);
        } catch (IOException e) {
            throw new ClientException("Unreadable entry list from " + node + ": " + e.getMessage(), e);
        }
    }

    /** {@code GET .../config/{key}}: one inline entry with its full value. */
    public ConfigEntry entry(String namespace, String key) throws ClientException {
        return getJson(configPath(namespace, key), new TypeReference<ConfigEntry>() { });
    }

    /** The first {@link #PREVIEW_BYTES} bytes of a raw value ({@code Range} on {@code .../value}). */
    public byte[] preview(String namespace, String key) throws ClientException {
        HttpRequest request = request(configPath(namespace, key) + "/value")
                .header("Range", "bytes=0-" + (PREVIEW_BYTES - 1))
                .GET().build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200 && response.statusCode() != 206) {
                requireOk(response.statusCode(), "value preview");
            }
            return body.readNBytes(PREVIEW_BYTES);
        } catch (IOException e) {
            throw new ClientException("Preview failed: " + e.getMessage(), e);
        }
    }

    /** {@code GET .../audit?limit=N}, newest first. */
    public List<AuditEvent> audit(String namespace, int limit) throws ClientException {
        String path = "api/v1/namespaces/" + Endpoints.segment(namespace) + "/audit?limit=" + limit;
        return getJson(path, new TypeReference<List<AuditEvent>>() { });
    }

    /**
     * Streams {@code GET .../config/{key}/value} into {@code target}: the body goes to a temporary
     * file beside it, never into memory, and replaces the target only when complete.
     *
     * @return the number of bytes written
     */
    public long saveValue(String namespace, String key, Path target) throws ClientException {
        Path directory = target.toAbsolutePath().getParent();
        Path partial;
        try {
            partial = Files.createTempFile(directory, ".confman-", ".part");
        } catch (IOException e) {
            throw new ClientException("Cannot write to " + directory + ": " + e.getMessage(), e);
        }
        HttpRequest request = request(configPath(namespace, key) + "/value")
                .timeout(DOWNLOAD_TIMEOUT).GET().build();
        HttpResponse.BodyHandler<Optional<Path>> handler = info -> info.statusCode() == 200
                ? HttpResponse.BodySubscribers.mapping(
                        HttpResponse.BodySubscribers.ofFile(partial), Optional::of)
                : HttpResponse.BodySubscribers.replacing(Optional.empty());
        try {
            HttpResponse<Optional<Path>> response = send(request, handler);
            requireOk(response.statusCode(), "value of " + key);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Files.size(target);
        } catch (IOException e) {
            throw new ClientException("Saving " + key + " failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private <T> T getJson(String path, TypeReference<T> type) throws ClientException {
        HttpResponse<InputStream> response = send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            requireOk(response.statusCode(), path);
            return Json.MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw new ClientException("Unreadable answer from " + node + ": " + e.getMessage(), e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(Endpoints.resolve(node, path))
                .timeout(timeouts.request())
                .header("Accept", "application/json");
        if (apiKey != null) {
            builder.header("X-Api-Key", apiKey);
        }
        return builder;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws ClientException {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new ClientException(node + " did not answer: " + HealthProbe.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("Interrupted", e);
        }
    }

    private static void requireOk(int status, String what) throws ClientException {
        if (status == 401) {
            throw new ClientException("401: an API key is needed (X-Api-Key)", status);
        }
        if (status == 403) {
            throw new ClientException("403: the API key may not read this", status);
        }
        if (status != 200) {
            throw new ClientException("HTTP " + status + " for " + what, status);
        }
    }

    private static String configPath(String namespace, String key) {
        return "api/v1/namespaces/" + Endpoints.segment(namespace) + "/config/" + Endpoints.segment(key);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover .part file is harmless and visible to the user.
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
