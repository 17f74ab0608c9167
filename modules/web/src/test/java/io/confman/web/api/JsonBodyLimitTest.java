package io.confman.web.api;

import static io.confman.web.testing.ApiClient.assertProblem;
import static io.confman.web.testing.ApiClient.describe;
import static io.confman.web.testing.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.confman.web.BlobSettings;
import io.confman.web.WebSettings;
import io.confman.web.testing.InMemoryNode;
import io.confman.web.testing.OneNodePerClass;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JSON endpoints take their body limit from {@code http.maxPayloadBytes}, here 20 MiB (above
 * the 16 MiB default): a body between the two is accepted, one over the configured limit is
 * answered 413 problem+json naming the limit and its key, whether its length was declared or it
 * came chunked. The real routing on an in-memory node.
 */
@Timeout(240)
class JsonBodyLimitTest extends OneNodePerClass {
    private static final long LIMIT = 20L * 1024 * 1024;

    @Override
    protected InMemoryNode startNode() {
        return InMemoryNode.start(new WebSettings("127.0.0.1", 0, LIMIT, WebSettings.DEFAULT_MAX_TCP_CONNECTIONS,
                WebSettings.DEFAULT_MAX_CONCURRENT_REQUESTS, WebSettings.DEFAULT_IDLE_TIMEOUT_MILLIS,
                WebSettings.DEFAULT_MAX_WATCHERS, WebSettings.DEFAULT_WATCH_QUEUE_EVENTS,
                WebSettings.DEFAULT_WATCH_HEARTBEAT_MILLIS), InMemoryNode.blobSettings(
                BlobSettings.DEFAULT_INLINE_THRESHOLD_BYTES, BlobSettings.DEFAULT_MAX_SIZE_BYTES));
    }

    @Test
    void aBodyAboveTheDefaultButWithinTheConfiguredLimitIsAccepted() {
        String value = "v".repeat(17 * 1024 * 1024);
        HttpResponse<String> put = api.send(leader, "PUT", "/api/v1/namespaces/limits/config/big",
                "{\"value\":\"" + value + "\"}", ADMIN);
        assertEquals(200, put.statusCode(), () -> describe(put).substring(0, 300));
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
