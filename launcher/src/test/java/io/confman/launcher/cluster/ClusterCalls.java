package io.confman.launcher.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Config reads and writes against one node of a {@link LocalCluster}, as the admin key. */
final class ClusterCalls {
    static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCluster cluster;

    ClusterCalls(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /** PUT a string value; the response, or empty when the node did not answer at all. */
    Optional<HttpResponse<String>> put(Node node, String namespace, String key, String value) {
        String body = "{\"value\":" + quote(value) + "}";
        try {
            return Optional.of(cluster.http().send("PUT", node.url(configPath(namespace, key)), body,
                    Map.of("X-Api-Key", LocalCluster.ADMIN_KEY, "Content-Type", "application/json")));
        } catch (AssertionError noAnswer) {
            return Optional.empty();
        }
    }

    /** PUT a string value only if the key is at {@code version} (If-Match); 200, or 412 when it is not. */
    HttpResponse<String> putIfMatch(Node node, String namespace, String key, String value, long version) {
        return cluster.http().send("PUT", node.url(configPath(namespace, key)), "{\"value\":" + quote(value) + "}",
                Map.of("X-Api-Key", LocalCluster.ADMIN_KEY, "Content-Type", "application/json",
                        "If-Match", "\"" + version + "\""));
    }

    /** GET one config entry, linearizable unless {@code consistency} says otherwise. */
    HttpResponse<String> get(Node node, String namespace, String key, String consistency) {
        String query = consistency == null ? "" : "?consistency=" + consistency;
        return cluster.http().send("GET", node.url(configPath(namespace, key) + query), null,
                Map.of("X-Api-Key", LocalCluster.ADMIN_KEY));
    }

    /** GET /internal/state: applied index and state hash. */
    JsonNode state(Node node) {
        return json(cluster.http().send("GET", node.url("internal/state"), null,
                Map.of("X-Cluster-Token", LocalCluster.TOKEN)));
    }

    /** Polls until every node reports the same applied index and state hash; their states. */
    List<JsonNode> awaitIdenticalState(Duration timeout) {
        return LocalCluster.await(timeout, "identical state on all nodes", () -> {
            List<JsonNode> states = cluster.nodes().stream().map(this::state).toList();
            JsonNode first = states.getFirst();
            boolean same = states.stream().allMatch(s -> s.path("appliedIndex").asLong() == first.path("appliedIndex").asLong()
                    && s.path("stateHash").asText().equals(first.path("stateHash").asText()));
            return same ? Optional.of(states) : Optional.empty();
        });
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    private static String configPath(String namespace, String key) {
        return "api/v1/namespaces/" + namespace + "/config/" + key;
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
