package io.confman.launcher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GET /openapi} against the routing and docs/API.md, on one shared three-node cluster: the
 * document lists exactly the routes of API.md's "Every public route" table, and every operation
 * it lists is answered by a route registered with that very path template and method (the
 * {@code route} label of {@code /metrics}' request counter names the template that matched) with
 * a status the document lists for it. ({@code RoutesTest} in the web module checks the other way:
 * every declared public route is in the document.)
 */
@Timeout(60)
class OpenApiTest extends OneClusterPerClass {
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| (GET|HEAD|PUT|POST|DELETE|PATCH) \\| `(/[^`]*)` \\|$");
    private static final Set<String> METHODS = Set.of("get", "head", "put", "post", "delete", "patch");

    /** One operation: method and path template. */
    record Operation(String method, String path) implements Comparable<Operation> {
        @Override
        public int compareTo(Operation other) {
            return Comparator.comparing(Operation::path).thenComparing(Operation::method).compare(this, other);
        }
    }

    /** A watch is counted when its stream ends, which the node notices at its next heartbeat. */
    @Override
    Map<String, String> clusterSettings() {
        return Map.of("http.watchHeartbeatMillis", "200");
    }

    @Test
    void theDocumentListsExactlyTheRoutesOfApiMd() throws IOException {
        assertEquals(routesOfApiMd(), operations(document()));
    }

    @Test
    void theDocumentIsOpenApi3AndServedWithoutAKey() {
        JsonNode document = document();
        assertTrue(document.get("openapi").asText().startsWith("3."), document.get("openapi")::toString);
        assertTrue(document.get("paths").size() > 10);
        operations(document).forEach(op -> assertTrue(!op.path().startsWith("/internal"), op::toString));
    }

    @Test
    void everyDocumentedOperationIsServedByARouteWithItsTemplate() throws InterruptedException {
        Node node = cluster.nodes().getLast();
        JsonNode document = document();
        List<Operation> operations = new ArrayList<>(operations(document));
        // Create first, delete last, so every request finds what it names.
        operations.sort(Comparator.comparingInt((Operation op) -> switch (op.method()) {
            case "PUT" -> 0;
            case "DELETE" -> 2;
            default -> 1;
        }).thenComparing(op -> op.method().equals("DELETE") ? -op.path().length() : op.path().length()));
        for (Operation op : operations) {
            request(node, op);
        }
        List<MetricsApiTest.Sample> samples = LocalCluster.await(Duration.ofSeconds(10), "every operation counted",
                () -> {
                    List<MetricsApiTest.Sample> scraped = MetricsApiTest.parse(scrape(node).body());
                    return operations.stream().allMatch(op -> scraped.stream().anyMatch(s -> op.method().equals(
                            s.labels().get("method")) && op.path().equals(s.labels().get("route"))))
                            ? Optional.of(scraped) : Optional.empty();
                });
        for (Operation op : operations) {
            List<Integer> codes = samples.stream()
                    .filter(s -> s.name().equals("confman_http_requests_total")
                            && s.labels().get("method").equals(op.method())
                            && s.labels().get("route").equals(op.path()))
                    .map(s -> Integer.parseInt(s.labels().get("code"))).toList();
            assertTrue(!codes.isEmpty(), () -> op + " matched no route with its template; routes seen: "
                    + samples.stream().map(s -> s.labels().get("method") + " " + s.labels().get("route"))
                    .filter(label -> !label.startsWith("null")).distinct().toList());
            JsonNode responses = document.get("paths").get(op.path()).get(op.method().toLowerCase(java.util.Locale.ROOT))
                    .get("responses");
            assertTrue(codes.stream().allMatch(code -> responses.has(Integer.toString(code))),
                    () -> op + " answered " + codes + ", documented " + responses.properties().stream()
                            .map(Map.Entry::getKey).toList());
        }
    }

    private void request(Node node, Operation op) throws InterruptedException {
        String path = op.path().replace("{namespace}", "openapi-ns").replace("{key}", "k")
                .replace("{id}", "openapi-member");
        if (path.contains("{upload}")) {
            // Each operation on an upload gets a fresh one (a commit or delete ends it).
            HttpResponse<String> started = cluster.http().send("POST",
                    node.url("api/v1/namespaces/openapi-ns/config/k/uploads"), null, withKey(Map.of()));
            assertEquals(201, started.statusCode(), started::body);
            String location = started.headers().firstValue("Location").orElseThrow();
            path = path.replaceFirst("^.*/uploads/\\{upload}", location);
        }
        if (op.path().endsWith("/watch")) {
            try (EventStream stream = EventStream.open(node.url(path.substring(1)), Map.of("X-Api-Key", ADMIN))) {
                assertEquals(200, stream.response.statusCode());
                stream.next(Duration.ofMillis(500));
            }
            return;
        }
        Map<String, String> headers = Map.of();
        String body = null;
        if (op.method().equals("PATCH")) {
            body = "raw";
            headers = Map.of("Upload-Offset", "0", "Content-Type", "application/offset+octet-stream");
        }
        if (op.method().equals("PUT")) {
            body = op.path().endsWith("{key}") ? "{\"value\":\"v\"}" : op.path().endsWith("/value") ? "raw" : "{}";
            headers = Map.of("Content-Type", op.path().endsWith("/value") ? "application/octet-stream" : "application/json");
        }
        boolean membership = op.path().startsWith("/api/v1/cluster/members") && !op.method().equals("GET");
        if (membership && op.method().equals("POST")) {
            // The shared cluster keeps its members: adding one already there is a conflict (409), and
            // removing an unknown one is not found (404); both still show the route and its documented codes.
            Node first = cluster.nodes().getFirst();
            body = "{\"id\":\"%s\",\"url\":\"%s\",\"raftAddress\":\"127.0.0.1:%d\"}".formatted(first.id(),
                    first.baseUrl(), first.raftPort());
            headers = Map.of("Content-Type", "application/json");
        }
        HttpResponse<String> answer = cluster.http().send(op.method(), node.url(path.substring(1)), body,
                withKey(headers));
        int membershipAnswer = op.method().equals("POST") ? 409 : 404;
        assertTrue(membership ? answer.statusCode() == membershipAnswer : answer.statusCode() < 400,
                () -> op + " answered " + answer.statusCode() + " " + answer.body());
    }

    private static Map<String, String> withKey(Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("X-Api-Key", ADMIN);
        return all;
    }

    private HttpResponse<String> scrape(Node node) {
        return api.send(node, "GET", "/metrics", null, null);
    }

    private JsonNode document() {
        HttpResponse<String> answer = api.send(leader, "GET", "/openapi", null, null);
        assertEquals(200, answer.statusCode(), answer::body);
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return ApiClient.json(answer);
    }

    private static Set<Operation> operations(JsonNode document) {
        Set<Operation> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    operations.add(new Operation(method.toUpperCase(java.util.Locale.ROOT), path.getKey()));
                }
            });
        }
        return operations;
    }

    private static Set<Operation> routesOfApiMd() throws IOException {
        String apiMd = Files.readString(Path.of("..", "docs", "API.md"));
        String table = apiMd.substring(apiMd.indexOf("## Every public route"), apiMd.indexOf("## Internal endpoints"));
        Set<Operation> routes = new TreeSet<>();
        for (String line : table.split("\n")) {
            Matcher row = TABLE_ROW.matcher(line);
            if (row.matches()) {
                routes.add(new Operation(row.group(1), row.group(2)));
            }
        }
        assertTrue(routes.size() > 10, routes::toString);
        return routes;
    }
}
