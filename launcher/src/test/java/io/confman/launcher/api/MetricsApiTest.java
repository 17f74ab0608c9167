package io.confman.launcher.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.launcher.testkit.LocalCluster.Node;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GET /metrics} on one shared three-node cluster: served without a key in the Prometheus
 * text format 0.0.4 (every line parsed: each family's HELP and TYPE before its samples,
 * histograms with cumulative buckets ending in +Inf equal to their count), the Raft figures after
 * writes on every node, the WAL fsync histogram growing with writes on every node, blob counters
 * after a blob-backed write, and HTTP requests counted by route pattern and status.
 */
@Timeout(60)
class MetricsApiTest extends OneClusterPerClass {
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Override
    Map<String, String> clusterSettings() {
        return Map.of("blob.inlineThresholdBytes", "1024");
    }

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    @Test
    void everyNodeServesWellFormedRaftFiguresWithoutAKey() {
        for (int i = 0; i < 5; i++) {
            put("m-raft", "k" + i, "v");
        }
        for (Node node : cluster.nodes()) {
            List<Sample> samples = scrape(node);
            assertEquals(1, value(samples, "confman_server_has_leader", Map.of()), node.id());
            assertTrue(value(samples, "confman_server_proposals_committed_total", Map.of()) >= 5, node.id());
            assertTrue(value(samples, "confman_server_proposals_applied_total", Map.of()) >= 5, node.id());
            assertTrue(value(samples, "confman_server_leader_changes_seen_total", Map.of()) >= 1, node.id());
            assertTrue(value(samples, "confman_server_apply_duration_seconds_count", Map.of()) >= 5, node.id());
            assertTrue(value(samples, "confman_server_proposals_pending", Map.of()) >= 0, node.id());
            assertEquals(0, value(samples, "confman_server_proposals_failed_total", Map.of()), node.id());
            assertTrue(samples.stream().anyMatch(s -> s.name().equals("confman_snapshot_write_duration_seconds_count")));
        }
        assertEquals(1, value(scrape(leader), "confman_server_is_leader", Map.of()));
    }

    /**
     * Every node fsyncs its Raft log for each batch of entries it appends (the leader its own
     * appends, followers the leader's), so each write grows every node's fsync histogram, whose
     * durations come from Ratis's own log worker timer.
     */
    @Test
    void theWalFsyncHistogramCountsEveryNodesLogFlushes() {
        put("m-wal", "first", "v");
        Map<String, Double> before = new LinkedHashMap<>();
        for (Node node : cluster.nodes()) {
            before.put(node.id(), value(scrape(node), "confman_disk_wal_fsync_duration_seconds_count", Map.of()));
        }
        for (int i = 0; i < 5; i++) {
            put("m-wal", "k" + i, "v");
        }
        for (Node node : cluster.nodes()) {
            List<Sample> samples = scrape(node);
            double count = value(samples, "confman_disk_wal_fsync_duration_seconds_count", Map.of());
            assertTrue(before.get(node.id()) >= 1, node.id() + " had fsynced its log before the writes");
            assertTrue(count >= before.get(node.id()) + 1, node.id() + ": " + before.get(node.id()) + " → " + count);
            assertTrue(value(samples, "confman_disk_wal_fsync_duration_seconds_sum", Map.of()) > 0, node.id());
            assertTrue(value(samples, "confman_disk_wal_fsync_duration_seconds_bucket", Map.of("le", "10")) <= count);
        }
    }

    @Test
    void blobBackedWritesShowInTheBlobFigures() {
        put("m-blob", "big", "y".repeat(3_000));
        List<Sample> samples = scrape(leader);
        assertTrue(value(samples, "confman_blob_stored", Map.of()) >= 1);
        assertTrue(value(samples, "confman_blob_stored_bytes", Map.of()) >= 3_000);
        assertEquals(0, value(samples, "confman_blob_missing", Map.of()));
        assertEquals(0, value(samples, "confman_blob_digest_mismatches_total", Map.of("source", "local")));
        assertEquals(0, value(samples, "confman_blob_digest_mismatches_total", Map.of("source", "peer")));
        assertTrue(samples.stream().anyMatch(s -> s.name().equals("confman_blob_fetches_total")));
    }

    @Test
    void requestsAreCountedByRoutePatternAndStatus() {
        Node node = cluster.nodes().getLast();
        double before = requests(scrape(node), "PUT", "/api/v1/namespaces/{namespace}/config/{key}", "200");
        put(node, "m-http", "a", "1");
        put(node, "m-http", "b", "1");
        assertEquals(404, api.send(node, "GET", "/api/v1/namespaces/m-http/config/none", null, ADMIN).statusCode());
        assertEquals(404, api.send(node, "GET", "/no/such/route", null, ADMIN).statusCode());
        List<Sample> samples = scrape(node);
        assertEquals(before + 2, requests(samples, "PUT", "/api/v1/namespaces/{namespace}/config/{key}", "200"));
        assertTrue(requests(samples, "GET", "/api/v1/namespaces/{namespace}/config/{key}", "404") >= 1);
        assertTrue(requests(samples, "GET", "unmatched", "404") >= 1);
        assertTrue(samples.stream().noneMatch(s -> s.labels().getOrDefault("route", "").contains("m-http")),
                "raw paths never become labels");
    }

    private static double requests(List<Sample> samples, String method, String route, String code) {
        return samples.stream().filter(s -> s.name().equals("confman_http_requests_total")
                        && s.labels().equals(Map.of("method", method, "route", route, "code", code)))
                .mapToDouble(Sample::value).sum();
    }

    private List<Sample> scrape(Node node) {
        HttpResponse<String> response = api.send(node, "GET", "/metrics", null, null);
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElse(""));
        return parse(response.body());
    }

    /** Parses the exposition format strictly enough to catch a malformed line or family. */
    static List<Sample> parse(String body) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        String help = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("# HELP ")) {
                help = line.split(" ")[2];
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                assertEquals(help, parts[2], "HELP then TYPE of one family: " + line);
                assertTrue(List.of("counter", "gauge", "histogram").contains(parts[3]), line);
                assertEquals(null, types.put(parts[2], parts[3]), "one TYPE per family: " + line);
            } else {
                Matcher sample = SAMPLE.matcher(line);
                assertTrue(sample.matches(), () -> "not a sample line: '" + line + "'");
                String name = sample.group(1);
                String family = name.replaceFirst("_(bucket|sum|count)$", "");
                assertTrue(types.containsKey(name) || "histogram".equals(types.get(family)),
                        () -> "sample before its TYPE: " + line);
                Map<String, String> labels = new LinkedHashMap<>();
                if (sample.group(3) != null) {
                    Matcher label = LABEL.matcher(sample.group(3));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                String value = sample.group(4);
                samples.add(new Sample(name, labels, value.equals("+Inf") ? Double.POSITIVE_INFINITY
                        : Double.parseDouble(value)));
            }
        }
        types.forEach((family, type) -> {
            if (type.equals("histogram")) {
                checkHistogram(samples, family);
            }
        });
        return samples;
    }

    private static void checkHistogram(List<Sample> samples, String family) {
        List<Sample> buckets = samples.stream().filter(s -> s.name().equals(family + "_bucket")).toList();
        double previous = 0;
        for (Sample bucket : buckets) {
            assertTrue(bucket.value() >= previous, () -> family + " buckets are cumulative");
            previous = bucket.value();
        }
        assertEquals("+Inf", buckets.getLast().labels().get("le"));
        assertEquals(value(samples, family + "_count", Map.of()), buckets.getLast().value(), family);
        assertTrue(value(samples, family + "_sum", Map.of()) >= 0, family);
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst()
                .map(Sample::value).orElseThrow(() -> new AssertionError("no " + name + labels));
    }

    private void put(String namespace, String key, String value) {
        put(leader, namespace, key, value);
    }

    private void put(Node node, String namespace, String key, String value) {
        HttpResponse<String> response = api.send(node, "PUT", "/api/v1/namespaces/" + namespace + "/config/" + key,
                "{\"value\":\"" + value + "\"}", ADMIN);
        assertEquals(200, response.statusCode(), response::body);
    }
}
