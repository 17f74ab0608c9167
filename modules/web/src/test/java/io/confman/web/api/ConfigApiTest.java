package io.confman.web.api;

import static io.confman.web.testing.ApiClient.assertProblem;
import static io.confman.web.testing.ApiClient.describe;
import static io.confman.web.testing.ApiClient.header;
import static io.confman.web.testing.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.confman.web.testing.OneNodePerClass;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The namespace, config and audit tables of API.md, row by row, plus the ETag additions, against
 * one {@link io.confman.web.testing.InMemoryNode} shared by the whole class (each test uses its own
 * namespaces): the real routing over the in-memory Raft node and blob store. All requests use the
 * admin key unless roles are the point (see {@link ApiAccessTest}). What needs several real nodes
 * (a write through a follower, reads on every node) is the launcher's ReplicatedApiTest.
 */
@Timeout(60)
class ConfigApiTest extends OneNodePerClass {

    @Test
    void namespacePutCreatesThenUpdatesKeepingCreatedAtAndDefaultingOwnerToTheActor() {
        JsonNode created = json(ok(api.send(leader, "PUT", "/api/v1/namespaces/ns-life", "{}", ADMIN)));
        assertEquals("ns-life", created.get("path").asText());
        assertEquals("Development Admin", created.get("owner").asText());
        String createdAt = created.get("createdAt").asText();

        JsonNode updated = json(ok(api.send(leader, "PUT", "/api/v1/namespaces/ns-life",
                "{\"description\":\"payments\",\"owner\":\"team-pay\"}", ADMIN)));
        assertEquals("payments", updated.get("description").asText());
        assertEquals("team-pay", updated.get("owner").asText());
        assertEquals(createdAt, updated.get("createdAt").asText(), "createdAt is kept on update");

        JsonNode one = json(ok(api.send(leader, "GET", "/api/v1/namespaces/ns-life", null, ADMIN)));
        assertEquals(updated, one);
        JsonNode all = json(ok(api.send(leader, "GET", "/api/v1/namespaces", null, ADMIN)));
        assertTrue(paths(all).contains("ns-life"), all::toString);
    }

    @Test
    void unknownBodyFieldsAreIgnoredAsTheReferenceDoesWhileKnownOnesAreStillChecked() {
        JsonNode namespace = json(ok(api.send(leader, "PUT", "/api/v1/namespaces/ns-extras",
                "{\"name\":\"ns-extras\",\"description\":\"billing\",\"labels\":{\"team\":[1,2]}}", ADMIN)));
        assertEquals("billing", namespace.get("description").asText());
        assertTrue(!namespace.has("name") && !namespace.has("labels"), namespace::toString);
        JsonNode entry = json(ok(api.send(leader, "PUT", "/api/v1/namespaces/ns-extras/config/k",
                "{\"value\":\"v\",\"type\":\"string\",\"key\":\"other\",\"version\":99}", ADMIN)));
        assertEquals("k", entry.get("key").asText(), "a body field never renames the key of the path");
        assertEquals(1, entry.get("version").asLong());
        assertProblem(api.send(leader, "PUT", "/api/v1/namespaces/ns-extras/config/k",
                "{\"value\":7,\"extra\":true}", ADMIN), 400);
        assertProblem(api.send(leader, "PUT", "/api/v1/namespaces/ns-extras",
                "{\"name\":\"x\",\"description\":false}", ADMIN), 400);
    }

    @Test
    void namespaceDeleteAnswers204ThenGetAndDeleteAnswer404() {
        ok(api.send(leader, "PUT", "/api/v1/namespaces/ns-gone", "{}", ADMIN));
        assertEquals(204, api.send(leader, "DELETE", "/api/v1/namespaces/ns-gone", null, ADMIN).statusCode());
        assertProblem(api.send(leader, "GET", "/api/v1/namespaces/ns-gone", null, ADMIN), 404);
        assertProblem(api.send(leader, "DELETE", "/api/v1/namespaces/ns-gone", null, ADMIN), 404);
        assertProblem(api.send(leader, "GET", "/api/v1/namespaces/never-made", null, ADMIN), 404);
    }

    @Test
    void deletingANamespaceDeletesItsConfigsToo() {
        ok(api.send(leader, "PUT", "/api/v1/namespaces/ns-cascade", "{}", ADMIN));
        ok(api.send(leader, "PUT", "/api/v1/namespaces/ns-cascade/config/a", "{\"value\":\"1\"}", ADMIN));
        ok(api.send(leader, "PUT", "/api/v1/namespaces/ns-cascade/config/b", "{\"value\":\"2\"}", ADMIN));
        assertEquals(204, api.send(leader, "DELETE", "/api/v1/namespaces/ns-cascade", null, ADMIN).statusCode());
        assertEquals(0, json(ok(api.send(leader, "GET", "/api/v1/namespaces/ns-cascade/config", null, ADMIN))).size());
        assertProblem(api.send(leader, "GET", "/api/v1/namespaces/ns-cascade/config/a", null, ADMIN), 404);
    }

    @Test
    void configPutCreatesVersionOneThenUpdatesAndAnswersTheCommittedEntryWithItsETag() {
        HttpResponse<String> first = ok(api.send(leader, "PUT", "/api/v1/namespaces/cfg/config/db.url",
                "{\"value\":\"postgres://a\"}", ADMIN));
        JsonNode entry = json(first);
        assertEquals("cfg", entry.get("namespace").asText());
        assertEquals("db.url", entry.get("key").asText());
        assertEquals("postgres://a", entry.get("value").asText());
        assertEquals("string", entry.get("type").asText(), "type defaults to string");
        assertEquals(1, entry.get("version").asLong());
        assertEquals("Development Admin", entry.get("updatedBy").asText());
        assertTrue(entry.get("revision").asLong() > 0);
        assertTrue(entry.hasNonNull("updatedAt"));
        assertEquals("\"r" + entry.get("revision").asLong() + "\"", header(first, "ETag").orElseThrow());

        JsonNode second = json(ok(api.send(leader, "PUT", "/api/v1/namespaces/cfg/config/db.url",
                "{\"value\":\"{\\\"a\\\":1}\",\"type\":\"json\"}", ADMIN)));
        assertEquals(2, second.get("version").asLong());
        assertEquals("json", second.get("type").asText());

        HttpResponse<String> got = ok(api.send(leader, "GET", "/api/v1/namespaces/cfg/config/db.url", null, ADMIN));
        assertEquals(second, json(got));
        assertEquals("\"r" + second.get("revision").asLong() + "\"", header(got, "ETag").orElseThrow());
        JsonNode list = json(ok(api.send(leader, "GET", "/api/v1/namespaces/cfg/config", null, ADMIN)));
        assertEquals(List.of(second), List.copyOf(toList(list)));
    }

    @Test
    void configDeleteAnswers204ThenGetAndDeleteAnswer404() {
        ok(api.send(leader, "PUT", "/api/v1/namespaces/cfg-del/config/k", "{\"value\":\"v\"}", ADMIN));
        assertEquals(204, api.send(leader, "DELETE", "/api/v1/namespaces/cfg-del/config/k", null, ADMIN).statusCode());
        assertProblem(api.send(leader, "GET", "/api/v1/namespaces/cfg-del/config/k", null, ADMIN), 404);
        assertProblem(api.send(leader, "DELETE", "/api/v1/namespaces/cfg-del/config/k", null, ADMIN), 404);
    }

    @Test
    void crossNamespaceListUsesTheReferenceShape() {
        ok(api.send(leader, "PUT", "/api/v1/namespaces/cross/config/feature", "{\"value\":\"on\"}", ADMIN));
        JsonNode all = json(ok(api.send(leader, "GET", "/api/v1/configs", null, ADMIN)));
        JsonNode item = toList(all).stream().filter(i -> i.path("ns").asText().equals("cross")).findFirst().orElseThrow();
        List<String> fields = new ArrayList<>();
        item.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("ns", "key", "value", "type", "version", "updatedAt", "updatedBy", "isBlobBacked", "blobId"),
                fields);
        assertEquals("on", item.get("value").asText());
        assertEquals(false, item.get("isBlobBacked").asBoolean());
        assertTrue(item.get("blobId").isNull());
    }

    @Test
    void theLegacyIfMatchWithAStaleVersionAnswers412NamingTheCurrentVersionAndChangesNothing() {
        String path = "/api/v1/namespaces/etag/config/cas";
        ok(api.send(leader, "PUT", path, "{\"value\":\"a\"}", ADMIN));
        ok(api.send(leader, "PUT", path, "{\"value\":\"b\"}", ADMIN));
        JsonNode problem = assertProblem(api.send(leader, "PUT", path, "{\"value\":\"c\"}", ADMIN,
                Map.of("If-Match", "\"1\"")), 412);
        assertTrue(problem.get("detail").asText().contains("version 2"), problem::toString);
        assertProblem(api.send(leader, "DELETE", path, null, ADMIN, Map.of("If-Match", "\"1\"")), 412);
        assertEquals("b", json(ok(api.send(leader, "GET", path, null, ADMIN))).get("value").asText());

        JsonNode swapped = json(ok(api.send(leader, "PUT", path, "{\"value\":\"c\"}", ADMIN, Map.of("If-Match", "\"2\""))));
        assertEquals(3, swapped.get("version").asLong());
        assertEquals(204, api.send(leader, "DELETE", path, null, ADMIN, Map.of("If-Match", "\"3\"")).statusCode());
    }

    @Test
    void anETagFromBeforeADeleteAndReCreateNeitherAnswers304NorMatchesTheNewValue() {
        String path = "/api/v1/namespaces/etag/config/reborn";
        String firstLife = header(ok(api.send(leader, "PUT", path, "{\"value\":\"first\"}", ADMIN)), "ETag").orElseThrow();
        assertEquals(204, api.send(leader, "DELETE", path, null, ADMIN).statusCode());
        HttpResponse<String> reborn = ok(api.send(leader, "PUT", path, "{\"value\":\"second\"}", ADMIN));
        assertEquals(1, json(reborn).get("version").asLong(), "the version restarts at 1");
        assertNotEquals(firstLife, header(reborn, "ETag").orElseThrow());

        HttpResponse<String> read = api.send(leader, "GET", path, null, ADMIN, Map.of("If-None-Match", firstLife));
        assertEquals(200, read.statusCode(), () -> describe(read));
        assertEquals("second", json(read).get("value").asText());
        assertProblem(api.send(leader, "PUT", path, "{\"value\":\"lost update\"}", ADMIN,
                Map.of("If-Match", firstLife)), 412);
        assertProblem(api.send(leader, "DELETE", path, null, ADMIN, Map.of("If-Match", firstLife)), 412);
        assertEquals("second", json(ok(api.send(leader, "GET", path, null, ADMIN))).get("value").asText());

        String current = header(read, "ETag").orElseThrow();
        HttpResponse<String> swapped = ok(api.send(leader, "PUT", path, "{\"value\":\"third\"}", ADMIN,
                Map.of("If-Match", current)));
        assertEquals(2, json(swapped).get("version").asLong());
        assertProblem(api.send(leader, "PUT", path, "{\"value\":\"x\"}", ADMIN, Map.of("If-Match", current)), 412);
    }

    @Test
    void ifNoneMatchStarCreatesOnlyWhenTheKeyIsAbsent() {
        String path = "/api/v1/namespaces/etag/config/create-only";
        JsonNode created = json(ok(api.send(leader, "PUT", path, "{\"value\":\"x\"}", ADMIN, Map.of("If-None-Match", "*"))));
        assertEquals(1, created.get("version").asLong());
        assertProblem(api.send(leader, "PUT", path, "{\"value\":\"y\"}", ADMIN, Map.of("If-None-Match", "*")), 412);
        assertEquals("x", json(ok(api.send(leader, "GET", path, null, ADMIN))).get("value").asText());
    }

    @Test
    void getWithAMatchingIfNoneMatchAnswers304AndWithAnOldOne200() {
        String path = "/api/v1/namespaces/etag/config/cached";
        String etag = header(ok(api.send(leader, "PUT", path, "{\"value\":\"x\"}", ADMIN)), "ETag").orElseThrow();
        HttpResponse<String> notModified = api.send(leader, "GET", path, null, ADMIN, Map.of("If-None-Match", etag));
        assertEquals(304, notModified.statusCode(), () -> describe(notModified));
        assertEquals("", notModified.body());
        assertEquals(etag, header(notModified, "ETag").orElseThrow());
        ok(api.send(leader, "PUT", path, "{\"value\":\"y\"}", ADMIN));
        assertEquals(200, api.send(leader, "GET", path, null, ADMIN, Map.of("If-None-Match", etag)).statusCode());
    }

    @Test
    void auditListsEventsNewestFirstAndClampsTheLimit() {
        String base = "/api/v1/namespaces/audited";
        ok(api.send(leader, "PUT", base, "{}", ADMIN));
        for (int i = 0; i < 3; i++) {
            ok(api.send(leader, "PUT", base + "/config/k", "{\"value\":\"v" + i + "\"}", ADMIN));
        }
        assertEquals(204, api.send(leader, "DELETE", base + "/config/k", null, ADMIN).statusCode());

        List<JsonNode> events = toList(json(ok(api.send(leader, "GET", base + "/audit", null, ADMIN))));
        assertEquals(List.of("config.deleted", "config.updated", "config.updated", "config.created", "namespace.created"),
                events.stream().map(e -> e.get("action").asText()).toList());
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i - 1).get("revision").asLong() > events.get(i).get("revision").asLong(), "newest first");
        }
        JsonNode newest = events.getFirst();
        assertEquals("Development Admin", newest.get("actor").asText());
        assertEquals("v2", newest.get("oldValue").asText());

        assertEquals(2, json(ok(api.send(leader, "GET", base + "/audit?limit=2", null, ADMIN))).size());
        assertEquals(1, json(ok(api.send(leader, "GET", base + "/audit?limit=0", null, ADMIN))).size(), "clamped to 1");
        assertEquals(5, json(ok(api.send(leader, "GET", base + "/audit?limit=5000", null, ADMIN))).size());
        assertProblem(api.send(leader, "GET", base + "/audit?limit=lots", null, ADMIN), 400);
    }

    @Test
    void staleConsistencyIsServedAndAnUnknownConsistencyAnswers400() {
        ok(api.send(leader, "PUT", "/api/v1/namespaces/stale/config/k", "{\"value\":\"v\"}", ADMIN));
        JsonNode stale = json(ok(api.send(leader, "GET", "/api/v1/namespaces/stale/config/k?consistency=stale", null, ADMIN)));
        assertEquals("v", stale.get("value").asText(), "the leader has applied its own committed write");
        ok(api.send(leader, "GET", "/api/v1/namespaces?consistency=stale", null, ADMIN));
        ok(api.send(leader, "GET", "/api/v1/configs?consistency=linearizable", null, ADMIN));
        assertProblem(api.send(leader, "GET", "/api/v1/namespaces/stale/config/k?consistency=eventual", null, ADMIN), 400);
    }

    @Test
    void correlationIdIsEchoedOrGeneratedOnAnswersAndProblems() {
        HttpResponse<String> echoed = api.send(leader, "GET", "/api/v1/namespaces", null, ADMIN,
                Map.of("X-Correlation-Id", "trace-42"));
        assertEquals("trace-42", header(echoed, "X-Correlation-Id").orElseThrow());
        HttpResponse<String> generated = api.send(leader, "GET", "/api/v1/namespaces", null, ADMIN);
        assertTrue(header(generated, "X-Correlation-Id").orElseThrow().matches("[0-9a-f]{32}"));

        HttpResponse<String> problem = api.send(leader, "GET", "/api/v1/namespaces/none-here", null, ADMIN,
                Map.of("X-Correlation-Id", "trace-43"));
        assertEquals("trace-43", assertProblem(problem, 404).get("correlationId").asText());
        JsonNode fresh = assertProblem(api.send(leader, "GET", "/api/v1/namespaces/none-here", null, null), 401);
        assertTrue(fresh.get("correlationId").asText().matches("[0-9a-f]{32}"));
    }

    @Test
    void unknownRoutesAnswer404AndWrongMethods405AsProblems() {
        assertProblem(api.send(leader, "GET", "/api/v1/nothing-here", null, ADMIN), 404);
        assertProblem(api.send(leader, "GET", "/no/such/path", null, null), 404);
        HttpResponse<String> notAllowed = api.send(leader, "POST", "/api/v1/namespaces/x/config/k", "{}", ADMIN);
        assertProblem(notAllowed, 405);
        assertEquals("GET, PUT, DELETE", header(notAllowed, "Allow").orElseThrow());
        assertProblem(api.send(leader, "PATCH", "/api/v1/configs", "{}", ADMIN), 405);
    }

    @Test
    void aValueAtTheInlineThresholdIsBlobBackedAndOneByteLessIsInline() {
        String big = "x".repeat(64 * 1024);
        JsonNode atThreshold = json(ok(api.send(leader, "PUT", "/api/v1/namespaces/large/config/k",
                "{\"value\":\"" + big + "\"}", ADMIN)));
        assertEquals(64 * 1024, atThreshold.at("/blob/size").asLong(), "stored in the blob store");
        assertEquals(big, atThreshold.get("value").asText(), "the answer carries the full value");
        JsonNode below = json(ok(api.send(leader, "PUT", "/api/v1/namespaces/large/config/k2",
                "{\"value\":\"" + big.substring(1) + "\"}", ADMIN)));
        assertTrue(below.path("blob").isMissingNode() || below.path("blob").isNull(), "one byte less is inline");
        assertEquals(big.length() - 1, below.get("value").asText().length());
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), () -> describe(response));
        assertTrue(header(response, "Content-Type").orElse("").startsWith("application/json"), () -> describe(response));
        return response;
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static List<String> paths(JsonNode namespaces) {
        return toList(namespaces).stream().map(n -> n.get("path").asText()).toList();
    }
}
