package io.confman.launcher.api;

import static io.confman.launcher.api.ApiClient.assertProblem;
import static io.confman.launcher.api.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JSON endpoints take their body limit from {@code http.maxPayloadBytes}, here 20 MiB (above
 * the 16 MiB default): a body between the two is accepted, one over the configured limit is
 * answered 413 problem+json naming the limit and its key, whether its length was declared or it
 * came chunked. Three real nodes on 127.0.0.1.
 */
@Timeout(240)
class JsonBodyLimitTest extends OneClusterPerClass {
    private static final long LIMIT = 20L * 1024 * 1024;

    @Override
    Map<String, String> clusterSettings() {
        return Map.of("http.maxPayloadBytes", Long.toString(LIMIT));
    }

    @Test
    void aBodyAboveTheDefaultButWithinTheConfiguredLimitIsAccepted() {
        String value = "v".repeat(17 * 1024 * 1024);
        HttpResponse<String> put = api.send(leader, "PUT", "/api/v1/namespaces/limits/config/big",
                "{\"value\":\"" + value + "\"}", ADMIN);
        assertEquals(200, put.statusCode(), () -> ApiClient.describe(put).substring(0, 300));
        assertEquals(value.length(), json(put).at("/blob/size").asLong());
    }

    @Test
    void aDeclaredBodyOverTheConfiguredLimitIs413NamingIt() {
        String value = "v".repeat((int) LIMIT);
        JsonNode problem = assertProblem(api.send(leader, "PUT", "/api/v1/namespaces/limits/config/huge",
                "{\"value\":\"" + value + "\"}", ADMIN), 413);
        assertTrue(problem.get("detail").asText().contains(Long.toString(LIMIT)), problem::toString);
        assertTrue(problem.get("detail").asText().contains("http.maxPayloadBytes"), problem::toString);
    }

    @Test
    void aChunkedBodyOverTheConfiguredLimitIs413() throws IOException, InterruptedException {
        byte[] body = ("{\"value\":\"" + "v".repeat((int) LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(leader.url("api/v1/namespaces/limits/config/chunked"))
                .timeout(Duration.ofSeconds(60))
                .header("X-Api-Key", ADMIN).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newHttpClient()) {
            response = client.send(request, BodyHandlers.ofString());
        }
        JsonNode problem = assertProblem(response, 413);
        assertTrue(problem.get("detail").asText().contains("http.maxPayloadBytes"), problem::toString);
    }
}
