package io.confman.launcher.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Sends the ctl commands' requests. Every request goes to the first endpoint that accepts a
 * connection; an endpoint that refuses one (or does not accept it within
 * {@link #CONNECT_TIMEOUT_MILLIS}) is skipped. A request that reached a node is never sent again,
 * so a write is never repeated. Answers of 300 and above become a {@link CtlFailure} with the exit
 * code for their status and the problem+json title and detail.
 */
final class CtlClient {
    static final long CONNECT_TIMEOUT_MILLIS = 2_000;
    static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> endpoints;
    private final String apiKey;
    private final HttpClient http;

    /** {@code tls}: the context https endpoints are checked with; empty for the system's CAs. */
    CtlClient(List<URI> endpoints, String apiKey, Optional<SSLContext> tls) {
        if (endpoints.isEmpty()) {
            throw new CtlFailure(Ctl.USAGE, "no endpoint given");
        }
        this.endpoints = List.copyOf(endpoints);
        this.apiKey = apiKey;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MILLIS));
        tls.ifPresent(http::sslContext);
        this.http = http.build();
    }

    List<URI> endpoints() {
        return endpoints;
    }

    /** Sends to the first endpoint that answers; the answer's status is not checked. */
    HttpResponse<InputStream> send(String method, String path, BodyPublisher body, Map<String, String> headers) {
        String lastProblem = "";
        for (URI endpoint : endpoints) {
            try {
                return sendTo(endpoint, method, path, body, headers, null);
            } catch (ConnectException | HttpConnectTimeoutException e) {
                lastProblem = endpoint + ": " + describe(e);
            } catch (SSLException e) {
                throw new CtlFailure(Ctl.UNREACHABLE, endpoint + ": " + tlsProblem(e));
            } catch (IOException e) {
                throw new CtlFailure(Ctl.UNREACHABLE, endpoint + " stopped answering: " + describe(e));
            }
        }
        throw new CtlFailure(Ctl.UNREACHABLE, "no reachable endpoint among " + endpoints + " (last: " + lastProblem + ")");
    }

    /** A GET of JSON from the first endpoint that answers, failing on any status but 2xx. */
    JsonNode getJson(String path) {
        return json(checked(send("GET", path, HttpRequest.BodyPublishers.noBody(), Map.of())));
    }

    /** One request to one endpoint, with an overall timeout when {@code timeout} is not null. */
    HttpResponse<InputStream> sendTo(URI endpoint, String method, String path, BodyPublisher body,
                                     Map<String, String> headers, Duration timeout) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).method(method, body);
        if (apiKey != null && !apiKey.isEmpty()) {
            request.header("X-Api-Key", apiKey);
        }
        headers.forEach(request::header);
        if (timeout != null) {
            request.timeout(timeout);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlFailure(Ctl.UNREACHABLE, "interrupted while waiting for " + endpoint);
        }
    }

    /** The response itself when its status is 2xx (or 304); else the failure it stands for. */
    static HttpResponse<InputStream> checked(HttpResponse<InputStream> response) {
        int status = response.statusCode();
        if (status < 300 || status == 304) {
            return response;
        }
        String problem;
        try (InputStream in = response.body()) {
            problem = problemText(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
        } catch (IOException e) {
            problem = "";
        }
        int exitCode = switch (status) {
            case 401, 403 -> Ctl.UNAUTHORIZED;
            case 404 -> Ctl.NOT_FOUND;
            case 412 -> Ctl.PRECONDITION_FAILED;
            default -> Ctl.SERVER_ERROR;
        };
        throw new CtlFailure(exitCode, "HTTP " + status + (problem.isEmpty() ? "" : ": " + problem));
    }

    static JsonNode json(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new CtlFailure(Ctl.SERVER_ERROR, "unreadable answer from " + response.uri() + ": " + describe(e));
        }
    }

    /** The API path of a namespace, the root of its configs, audit and watch. */
    static String namespacePath(String namespace) {
        return "/api/v1/namespaces/" + segment(namespace);
    }

    /** A path segment, percent-encoded (names are plain, but a stray character must not change the path). */
    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** "title: detail" of a problem+json body, or its first line when it is not one. */
    private static String problemText(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            String title = problem.path("title").asText("");
            String detail = problem.path("detail").asText("");
            return detail.isEmpty() || detail.equals(title) ? title : title + ": " + detail;
        } catch (IOException e) {
            return body.lines().findFirst().orElse("").strip();
        }
    }

    /** A failed TLS handshake, with what to do about it. */
    static String tlsProblem(SSLException e) {
        return "TLS handshake failed (" + describe(e) + "): give the CA that issued the nodes' certificates with"
                + " --cacert or CONFMAN_CACERT";
    }

    /** The first message along the cause chain (the JDK client's ConnectException has none itself). */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }
}
