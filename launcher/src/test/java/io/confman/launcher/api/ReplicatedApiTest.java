package io.confman.launcher.api;

import static io.confman.launcher.api.ApiClient.assertProblem;
import static io.confman.launcher.api.ApiClient.describe;
import static io.confman.launcher.api.ApiClient.header;
import static io.confman.launcher.api.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The API where it needs several real nodes, on one shared three-node cluster on 127.0.0.1: a
 * write sent to a follower is forwarded, committed and then read on every node; every node serves
 * both consistencies; a follower streams the leader's writes as they commit; a watch resumed on
 * another node with {@code Last-Event-ID} misses and repeats nothing; a follower too answers 410
 * below the retained history. The API tables of API.md and the watch rules on one node, which need
 * no replication, are the web module's ConfigApiTest and WatchApiTest (real routing, in memory).
 * The cluster keeps 8 audit events per namespace.
 */
@Timeout(60)
class ReplicatedApiTest extends OneClusterPerClass {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int AUDIT_EVENTS = 8;

    @Override
    Map<String, String> clusterSettings() {
        return Map.of("raft.auditEventsPerNamespace", Integer.toString(AUDIT_EVENTS));
    }

    @Test
    void aWriteSentToAFollowerIsCommittedAndThenVisibleOnEveryNode() {
        Node follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
        JsonNode written = json(ok(api.send(follower, "PUT", "/api/v1/namespaces/forwarded/config/k",
                "{\"value\":\"via-follower\"}", ADMIN)));
        assertEquals(1, written.get("version").asLong());
        for (Node node : cluster.nodes()) {
            JsonNode read = json(ok(api.send(node, "GET", "/api/v1/namespaces/forwarded/config/k", null, ADMIN)));
            assertEquals(written, read, "linearizable read on " + node.id());
        }
    }

    @Test
    void staleConsistencyIsServedAndAnUnknownConsistencyAnswers400() {
        ok(api.send(leader, "PUT", "/api/v1/namespaces/stale/config/k", "{\"value\":\"v\"}", ADMIN));
        JsonNode stale = json(ok(api.send(leader, "GET", "/api/v1/namespaces/stale/config/k?consistency=stale", null, ADMIN)));
        assertEquals("v", stale.get("value").asText(), "the leader has applied its own committed write");
        for (Node node : cluster.nodes()) {
            ok(api.send(node, "GET", "/api/v1/namespaces?consistency=stale", null, ADMIN));
            ok(api.send(node, "GET", "/api/v1/configs?consistency=linearizable", null, ADMIN));
        }
        assertProblem(api.send(leader, "GET", "/api/v1/namespaces/stale/config/k?consistency=eventual", null, ADMIN), 400);
    }

    @Test
    void aFollowerStreamsTheLeadersWritesInOrderWithRevisionsAsIdsAndNoValues() throws InterruptedException {
        Node follower = follower();
        try (EventStream stream = watch(follower, "/api/v1/namespaces/w-live/watch", Map.of())) {
            assertEquals(200, stream.response.statusCode());
            assertTrue(stream.response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            long first = revision(put("w-live", "a", "secret-1"));
            long second = revision(put("w-live", "b", "secret-2"));
            put("w-other", "x", "elsewhere");
            assertEquals(204, api.send(leader, "DELETE", "/api/v1/namespaces/w-live/config/a", null, ADMIN).statusCode());
            List<EventStream.Event> events = stream.events(3, WAIT);
            assertEquals(List.of("config.created", "config.created", "config.deleted"),
                    events.stream().map(e -> e.data().get("action").asText()).toList());
            assertEquals(List.of("a", "b", "a"), events.stream().map(e -> e.data().get("key").asText()).toList());
            assertEquals(first, events.get(0).data().get("revision").asLong());
            assertEquals(second, events.get(1).data().get("revision").asLong());
            for (EventStream.Event event : events) {
                assertEquals(event.data().get("revision").asText(), event.id(), "the id is the revision");
                assertEquals("w-live", event.data().get("namespace").asText());
                assertEquals(event.data().get("action").asText(), event.name());
                assertFalse(event.data().has("value") || event.data().toString().contains("secret"),
                        () -> "no value in " + event.data());
            }
            assertEquals(1, events.get(2).data().get("version").asLong(), "a delete names the removed version");
        }
    }

    @Test
    void aWatchResumedOnAnotherNodeWithLastEventIdGetsWhatFollowedAndThenGoesOnLive() throws InterruptedException {
        put("w-resume", "k", "1");
        put("w-resume", "k", "2");
        put("w-resume", "k", "3");
        // A reconnect to another node after the second event gets the third one and then the fourth.
        long secondRevision = json(api.send(leader, "GET", "/api/v1/namespaces/w-resume/audit?limit=3", null, ADMIN))
                .get(1).get("revision").asLong();
        String lastEventId = Long.toString(secondRevision);
        try (EventStream stream = watch(follower(), "/api/v1/namespaces/w-resume/watch?fromRevision=0",
                Map.of("Last-Event-ID", lastEventId))) {
            EventStream.Event third = stream.events(1, WAIT).getFirst();
            assertEquals(3, third.data().get("version").asLong(), "Last-Event-ID wins over fromRevision");
            assertTrue(third.data().get("revision").asLong() > secondRevision);
            long fourth = revision(put("w-resume", "k", "4"));
            assertEquals(fourth, stream.events(1, WAIT).getFirst().data().get("revision").asLong());
        }
    }

    @Test
    void aFollowerTooAnswers410BelowTheRetainedHistory() {
        long first = revision(put("w-old", "k", "0"));
        for (int i = 1; i <= AUDIT_EVENTS + 2; i++) {
            put("w-old", "k", Integer.toString(i));
        }
        assertProblem(api.send(follower(), "GET", "/api/v1/namespaces/w-old/watch", null, ADMIN,
                Map.of("Last-Event-ID", Long.toString(first))), 410);
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), () -> describe(response));
        assertTrue(header(response, "Content-Type").orElse("").startsWith("application/json"), () -> describe(response));
        return response;
    }

    private EventStream watch(Node node, String path, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(Map.of("X-Api-Key", ADMIN));
        all.putAll(headers);
        EventStream stream = EventStream.open(node.url(path.substring(1)), all);
        assertEquals(200, stream.response.statusCode(), () -> "watch " + path + " answered " + stream.response.statusCode());
        return stream;
    }

    private HttpResponse<String> put(String namespace, String key, String value) {
        HttpResponse<String> response = api.send(leader, "PUT", "/api/v1/namespaces/" + namespace + "/config/" + key,
                "{\"value\":\"" + value + "\"}", ADMIN);
        assertEquals(200, response.statusCode(), response::body);
        return response;
    }

    private static long revision(HttpResponse<String> response) {
        return json(response).get("revision").asLong();
    }

    private Node follower() {
        return cluster.nodes().stream().filter(n -> !n.id().equals(leader.id())).findFirst().orElseThrow();
    }
}
