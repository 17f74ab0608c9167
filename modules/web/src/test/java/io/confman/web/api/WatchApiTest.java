package io.confman.web.api;

import static io.confman.web.testing.ApiClient.assertProblem;
import static io.confman.web.testing.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.confman.raft.ConfigStateMachine;
import io.confman.web.WebSettings;
import io.confman.web.testing.EventStream;
import io.confman.web.testing.InMemoryNode;
import io.confman.web.testing.OneNodePerClass;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GET /api/v1/namespaces/{ns}/watch} over real HTTP on one shared in-memory node: events
 * in order with their revisions as ids, no value in them, a start from a revision and a resume
 * with {@code Last-Event-ID} that miss and repeat nothing, a namespace delete's events sharing one
 * id, blob pointers with their size, heartbeats, 410 below the retained history, 400 for a bad
 * revision, and read access.
 * The node keeps 8 audit events per namespace, stores values of 1 KiB or more as blobs and sends
 * a heartbeat after 300 ms of silence. Watching from a follower and resuming on another node are
 * the launcher's ReplicatedApiTest.
 */
@Timeout(60)
class WatchApiTest extends OneNodePerClass {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int AUDIT_EVENTS = 8;

    @Override
    protected InMemoryNode startNode() {
        return InMemoryNode.start(new ConfigStateMachine(AUDIT_EVENTS), new WebSettings("127.0.0.1", 0,
                WebSettings.DEFAULT_MAX_PAYLOAD_BYTES, WebSettings.DEFAULT_MAX_TCP_CONNECTIONS,
                WebSettings.DEFAULT_MAX_CONCURRENT_REQUESTS, WebSettings.DEFAULT_IDLE_TIMEOUT_MILLIS,
                WebSettings.DEFAULT_MAX_WATCHERS, WebSettings.DEFAULT_WATCH_QUEUE_EVENTS, 300),
                InMemoryNode.blobSettings(1024, 1L << 30));
    }

    @Test
    void aWatchStreamsTheWritesInOrderWithRevisionsAsIdsAndNoValues() throws InterruptedException {
        try (EventStream stream = watch(leader, "/api/v1/namespaces/w-live/watch", Map.of())) {
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
    void aWatchFromARevisionReplaysTheHistoryThenGoesOnLiveAndResumesWithLastEventId() throws InterruptedException {
        long first = revision(put("w-resume", "k", "1"));
        put("w-resume", "k", "2");
        try (EventStream stream = watch(leader, "/api/v1/namespaces/w-resume/watch?fromRevision=" + first, Map.of())) {
            List<EventStream.Event> replayed = stream.events(2, WAIT);
            assertEquals(first, replayed.get(0).data().get("revision").asLong(), "fromRevision is inclusive");
            assertEquals(2, replayed.get(1).data().get("version").asLong());
            long third = revision(put("w-resume", "k", "3"));
            assertEquals(third, stream.events(1, WAIT).getFirst().data().get("revision").asLong());
        }
        // A reconnect after the second event gets the third one and then the fourth.
        long secondRevision = json(api.send(leader, "GET", "/api/v1/namespaces/w-resume/audit?limit=3", null, ADMIN))
                .get(1).get("revision").asLong();
        String lastEventId = Long.toString(secondRevision);
        try (EventStream stream = watch(leader, "/api/v1/namespaces/w-resume/watch?fromRevision=0",
                Map.of("Last-Event-ID", lastEventId))) {
            EventStream.Event third = stream.events(1, WAIT).getFirst();
            assertEquals(3, third.data().get("version").asLong(), "Last-Event-ID wins over fromRevision");
            assertTrue(third.data().get("revision").asLong() > secondRevision);
            long fourth = revision(put("w-resume", "k", "4"));
            assertEquals(fourth, stream.events(1, WAIT).getFirst().data().get("revision").asLong());
        }
    }

    @Test
    void aNamespaceDeletesEventsShareOneRevisionAndOnlyTheLastCarriesTheId() throws InterruptedException {
        put("w-cascade", "a", "1");
        put("w-cascade", "b", "1");
        try (EventStream stream = watch(leader, "/api/v1/namespaces/w-cascade/watch", Map.of())) {
            assertEquals(204, api.send(leader, "DELETE", "/api/v1/namespaces/w-cascade", null, ADMIN).statusCode());
            List<EventStream.Event> events = stream.events(3, WAIT);
            assertEquals(List.of("config.deleted", "config.deleted", "namespace.deleted"),
                    events.stream().map(EventStream.Event::name).toList());
            long revision = events.get(2).data().get("revision").asLong();
            assertTrue(events.stream().allMatch(e -> e.data().get("revision").asLong() == revision));
            assertNull(events.get(0).id());
            assertNull(events.get(1).id());
            assertEquals(Long.toString(revision), events.get(2).id());
            assertTrue(events.get(2).data().get("key").isNull());
        }
    }

    @Test
    void aBlobBackedValueIsNamedByItsDigestAndSize() throws InterruptedException {
        String big = "x".repeat(2_000);
        try (EventStream stream = watch(leader, "/api/v1/namespaces/w-blob/watch", Map.of())) {
            JsonNode stored = json(api.send(leader, "PUT", "/api/v1/namespaces/w-blob/config/big",
                    "{\"value\":\"" + big + "\"}", ADMIN));
            JsonNode blob = stream.events(1, WAIT).getFirst().data().get("blob");
            assertEquals(stored.get("blob").get("sha256").asText(), blob.get("sha256").asText());
            assertEquals(2_000, blob.get("size").asLong());
        }
    }

    @Test
    void aQuietStreamSendsHeartbeatComments() throws InterruptedException {
        try (EventStream stream = watch(leader, "/api/v1/namespaces/w-quiet/watch", Map.of())) {
            int heartbeats = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (heartbeats < 2 && System.nanoTime() < deadline) {
                EventStream.Item item = stream.next(Duration.ofSeconds(5));
                assertFalse(item instanceof EventStream.End, "the stream stays open");
                if (item instanceof EventStream.Comment comment && comment.text().equals("heartbeat")) {
                    heartbeats++;
                }
            }
            assertEquals(2, heartbeats);
        }
    }

    @Test
    void aStartBelowTheRetainedHistoryAnswers410AndABadRevision400() {
        long first = revision(put("w-old", "k", "0"));
        for (int i = 1; i <= AUDIT_EVENTS + 2; i++) {
            put("w-old", "k", Integer.toString(i));
        }
        JsonNode gone = assertProblem(api.send(leader, "GET", "/api/v1/namespaces/w-old/watch?fromRevision=" + first,
                null, ADMIN), 410);
        assertTrue(gone.get("detail").asText().contains("earliest start is fromRevision="), gone::toString);
        assertProblem(api.send(leader, "GET", "/api/v1/namespaces/w-old/watch", null, ADMIN,
                Map.of("Last-Event-ID", Long.toString(first))), 410);
        assertProblem(api.send(leader, "GET", "/api/v1/namespaces/w-old/watch?fromRevision=-3", null, ADMIN), 400);
        assertProblem(api.send(leader, "GET", "/api/v1/namespaces/w-old/watch?fromRevision=soon", null, ADMIN), 400);
    }

    @Test
    void watchingNeedsAKeyAllowedTheNamespace() throws InterruptedException {
        assertProblem(api.send(leader, "GET", "/api/v1/namespaces/w-auth/watch", null, null), 401);
        assertProblem(api.send(leader, "GET", "/api/v1/namespaces/w-auth/watch", null, InMemoryNode.SCOPED_EDITOR_KEY), 403);
        assertProblem(api.send(leader, "POST", "/api/v1/namespaces/w-auth/watch", "{}", ADMIN), 405);
        try (EventStream stream = watch(leader, "/api/v1/namespaces/w-auth/watch",
                Map.of("X-Api-Key", InMemoryNode.READER_KEY))) {
            assertEquals(200, stream.response.statusCode(), "a viewer may watch");
        }
    }

    private EventStream watch(InMemoryNode node, String path, Map<String, String> headers) {
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

}
