package io.confman.web.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

/**
 * Sends API requests to an {@link InMemoryNode} with a given key and checks problem+json answers
 * (the same helpers as the launcher's API suites, so assertions move between them unchanged).
 */
public final class ApiClient {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String PROBLEM_JSON = "application/problem+json";

    /** A JSON request body ({@code Content-Type: application/json}) to {@code node}, with {@code key}. */
    public HttpResponse<String> send(InMemoryNode node, String method, String path, String body, String key) {
        return node.send(method, path, body, key, Map.of());
    }

    public HttpResponse<String> send(InMemoryNode node, String method, String path, String body, String key,
                                     Map<String, String> extraHeaders) {
        return node.send(method, path, body, key, extraHeaders);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    public static Optional<String> header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name);
    }

    /** Asserts {@code response} is an RFC 9457 problem with {@code status} and every field API.md lists. */
    public static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), () -> "status of " + response.uri() + ": " + response.body());
        assertTrue(header(response, "Content-Type").orElse("").startsWith(PROBLEM_JSON),
                () -> "content type " + header(response, "Content-Type"));
        JsonNode problem = json(response);
        assertEquals(status, problem.path("status").asInt(), "status field");
        for (String field : new String[] {"type", "title", "detail", "correlationId"}) {
            assertTrue(problem.path(field).isTextual(), () -> field + " missing in " + response.body());
            assertFalse(problem.path(field).asText().isBlank(), () -> field + " blank in " + response.body());
        }
        assertEquals(header(response, "X-Correlation-Id").orElse(null), problem.get("correlationId").asText(),
                "the body's correlationId is the response header's");
        return problem;
    }

    /** The response's status, and the body if it failed, for assertion messages. */
    public static String describe(HttpResponse<String> response) {
        return response.request().method() + " " + response.uri() + " -> " + response.statusCode() + " "
                + response.body();
    }
}
