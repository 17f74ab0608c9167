package io.confman.web.api;

import static io.confman.web.testing.ApiClient.assertProblem;
import static io.confman.web.testing.ApiClient.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.confman.web.testing.OneNodePerClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and malformed requests against one shared in-memory node (the real routing): bad JSON,
 * wrong types, field names in another case, wrong content types, bodies over the limit, bad or
 * absurd names. Each must answer a 4xx problem+json (never a 5xx) and change nothing, which every
 * test checks by comparing the node's full listing before and after. Idle connections and clients
 * that stall or leave in the middle of a body (whose cleanup shows in the log and on disk) are the
 * launcher's AbandonedBodyTest, on real node processes.
 */
@Timeout(60)
class HostileInputTest extends OneNodePerClass {
    private static final String KEY_PATH = "/api/v1/namespaces/hostile/config/k";
    private static final long JSON_LIMIT_BYTES = 16L * 1024 * 1024;

    @BeforeAll
    @Timeout(120)
    void createTheTargetNamespaceAndKey() {
        assertEquals(200, api.send(leader, "PUT", "/api/v1/namespaces/hostile", "{}", ADMIN).statusCode());
        assertEquals(200, api.send(leader, "PUT", KEY_PATH, "{\"value\":\"original\"}", ADMIN).statusCode());
    }

    static Stream<Arguments> badConfigBodies() {
        return Stream.of(
                Arguments.of("truncated JSON", "{\"value\":", "malformed JSON"),
                Arguments.of("not JSON at all", "value=1", "malformed JSON"),
                Arguments.of("trailing garbage", "{\"value\":\"a\"} {}", "malformed JSON"),
                Arguments.of("duplicate field", "{\"value\":\"a\",\"value\":\"b\"}", "malformed JSON"),
                Arguments.of("number value", "{\"value\":5}", "'value' must be a string"),
                Arguments.of("null value", "{\"value\":null}", "'value' must be a string"),
                Arguments.of("object value", "{\"value\":{\"a\":1}}", "'value' must be a string"),
                Arguments.of("missing value", "{\"type\":\"string\"}", "'value' is required"),
                Arguments.of("array body", "[\"value\"]", "must be a JSON object"),
                Arguments.of("string body", "\"value\"", "must be a JSON object"),
                Arguments.of("number type", "{\"value\":\"a\",\"type\":1}", "'type' must be a string"),
                Arguments.of("field named in another case", "{\"Value\":\"a\"}", "field 'Value' is not 'value'"),
                Arguments.of("empty body", "", "body"),
                Arguments.of("deep nesting", "[".repeat(100_000), "malformed JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigBodies")
    void aBadConfigBodyAnswers400NamingTheProblemAndChangesNothing(String what, String body, String detail) {
        String before = listing();
        JsonNode problem = assertProblem(api.send(leader, "PUT", KEY_PATH, body, ADMIN), 400);
        assertTrue(problem.get("detail").asText().contains(detail), problem::toString);
        assertEquals(before, listing());
    }

    @Test
    void badNamespaceBodiesAnswer400AndChangeNothing() {
        String before = listing();
        assertProblem(api.send(leader, "PUT", "/api/v1/namespaces/hostile", "{\"owner\":7}", ADMIN), 400);
        assertProblem(api.send(leader, "PUT", "/api/v1/namespaces/hostile", "{\"name\":\"x\",\"owner\":[]}", ADMIN), 400);
        assertProblem(api.send(leader, "PUT", "/api/v1/namespaces/hostile", "{", ADMIN), 400);
        assertEquals(before, listing());
    }

    @Test
    void aNonJsonContentTypeAnswers415AndChangesNothing() {
        String before = listing();
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded"}) {
            HttpResponse<String> answer = leader.send("PUT", KEY_PATH, "{\"value\":\"x\"}", null,
                    Map.of("X-Api-Key", ADMIN, "Content-Type", type));
            assertProblem(answer, 415);
        }
        assertEquals(before, listing());
    }

    static Stream<Arguments> badNames() {
        return Stream.of(
                Arguments.of("dot-dot key", "/api/v1/namespaces/hostile/config/.."),
                Arguments.of("encoded dot-dot key", "/api/v1/namespaces/hostile/config/%2E%2E"),
                Arguments.of("encoded traversal key", "/api/v1/namespaces/hostile/config/..%2Fx"),
                Arguments.of("encoded traversal namespace", "/api/v1/namespaces/..%2Fx/config/k"),
                Arguments.of("dot namespace", "/api/v1/namespaces/./config/k"),
                Arguments.of("empty namespace", "/api/v1/namespaces//config/k"),
                Arguments.of("empty key", "/api/v1/namespaces/hostile/config/"),
                Arguments.of("space in key", "/api/v1/namespaces/hostile/config/a%20b"),
                Arguments.of("unicode key", "/api/v1/namespaces/hostile/config/%C3%A9"),
                Arguments.of("10 KB key", "/api/v1/namespaces/hostile/config/" + "k".repeat(10_240)),
                Arguments.of("257-character key", "/api/v1/namespaces/hostile/config/" + "k".repeat(257)),
                Arguments.of("257-character namespace", "/api/v1/namespaces/" + "n".repeat(257)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badNames")
    void aBadNameAnswersA4xxProblemAndChangesNothing(String what, String path) {
        String before = listing();
        for (String method : new String[] {"PUT", "GET", "DELETE"}) {
            HttpResponse<String> answer = api.send(leader, method, path, method.equals("PUT") ? "{\"value\":\"x\"}" : null, ADMIN);
            assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500, () -> describe(answer));
            assertProblem(answer, answer.statusCode());
        }
        assertEquals(before, listing());
    }

    @Test
    void aNameBreakingTheRuleIsNamedInThe400() {
        JsonNode problem = assertProblem(api.send(leader, "PUT", "/api/v1/namespaces/hostile/config/a%20b",
                "{\"value\":\"x\"}", ADMIN), 400);
        assertTrue(problem.get("detail").asText().contains("A-Z a-z 0-9 . _ -"), problem::toString);
        JsonNode tooLong = assertProblem(api.send(leader, "PUT", "/api/v1/namespaces/" + "n".repeat(257),
                "{}", ADMIN), 400);
        assertTrue(tooLong.get("detail").asText().contains("257 characters"), tooLong::toString);
    }

    @Test
    void aBodyDeclaredOverTheLimitAnswers413NamingTheLimitAndChangesNothing() throws IOException {
        String before = listing();
        String answer = rawRequest("PUT " + KEY_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + ADMIN
                + "\r\nContent-Type: application/json\r\nContent-Length: " + (JSON_LIMIT_BYTES + 1) + "\r\n\r\n{\"value\":\"");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains(Long.toString(JSON_LIMIT_BYTES)), answer);
        assertTrue(answer.contains("\"correlationId\""), answer);
        assertEquals(before, listing());
    }

    @Test
    void aChunkedBodyOverTheLimitAnswers413AndChangesNothing() {
        String before = listing();
        String huge = "{\"value\":\"" + "x".repeat((int) JSON_LIMIT_BYTES) + "\"}";
        HttpResponse<String> answer;
        try {
            answer = leader.send("PUT", KEY_PATH, huge, ADMIN, Map.of());
        } catch (java.io.UncheckedIOException noAnswer) {
            // The server may close the connection before the client finished sending; what matters
            // is that nothing was stored, checked below.
            answer = null;
        }
        if (answer != null) {
            assertProblem(answer, 413);
        }
        assertEquals(before, listing());
    }

    /** Every namespace and config on the leader (linearizable), as one comparable string. */
    private String listing() {
        HttpResponse<String> namespaces = api.send(leader, "GET", "/api/v1/namespaces", null, ADMIN);
        HttpResponse<String> configs = api.send(leader, "GET", "/api/v1/configs", null, ADMIN);
        assertEquals(200, namespaces.statusCode(), () -> describe(namespaces));
        assertEquals(200, configs.statusCode(), () -> describe(configs));
        return namespaces.body() + "\n" + configs.body();
    }

    /** Sends {@code request} on a plain socket and returns what the node answers before closing. */
    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), leader.httpPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            StringBuilder answer = new StringBuilder();
            int read;
            while (!answer.toString().contains("}") && (read = in.read(buffer)) > 0) {
                answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
            return answer.toString();
        }
    }
}
