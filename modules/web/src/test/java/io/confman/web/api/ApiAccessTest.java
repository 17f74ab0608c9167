package io.confman.web.api;

import static io.confman.web.testing.ApiClient.assertProblem;
import static io.confman.web.testing.ApiClient.describe;
import static io.confman.web.testing.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.confman.web.testing.InMemoryNode;
import io.confman.web.testing.OneNodePerClass;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Authentication and authorisation over HTTP on one shared in-memory node: every API endpoint
 * with no key, an unknown key and each role (401 / 403 / 2xx, and nothing changes when refused),
 * namespace scoping on every namespaced endpoint and in the lists, keys stored as SHA-256, the
 * header name's case, and the key's name recorded as the actor.
 */
@Timeout(60)
class ApiAccessTest extends OneNodePerClass {

    /** The callers of the matrix, weakest first. */
    enum Caller {
        NO_KEY(null), UNKNOWN_KEY("not-a-configured-key"), VIEWER(InMemoryNode.READER_KEY),
        EDITOR(InMemoryNode.EDITOR_KEY), PUBLISHER(InMemoryNode.PUBLISHER_KEY), ADMIN(InMemoryNode.ADMIN_KEY);

        final String key;

        Caller(String key) {
            this.key = key;
        }
    }

    /** Every endpoint of issue 3, with the weakest caller allowed and the status it then answers. */
    enum Endpoint {
        LIST_NAMESPACES("GET", "/api/v1/namespaces", null, Caller.VIEWER, 200),
        GET_NAMESPACE("GET", "/api/v1/namespaces/%s", null, Caller.VIEWER, 200),
        PUT_NAMESPACE("PUT", "/api/v1/namespaces/%s", "{\"description\":\"changed\"}", Caller.ADMIN, 200),
        DELETE_NAMESPACE("DELETE", "/api/v1/namespaces/%s", null, Caller.ADMIN, 204),
        LIST_CONFIGS("GET", "/api/v1/namespaces/%s/config", null, Caller.VIEWER, 200),
        GET_CONFIG("GET", "/api/v1/namespaces/%s/config/k", null, Caller.VIEWER, 200),
        PUT_CONFIG("PUT", "/api/v1/namespaces/%s/config/k", "{\"value\":\"changed\"}", Caller.EDITOR, 200),
        DELETE_CONFIG("DELETE", "/api/v1/namespaces/%s/config/k", null, Caller.EDITOR, 204),
        ALL_CONFIGS("GET", "/api/v1/configs", null, Caller.VIEWER, 200),
        AUDIT("GET", "/api/v1/namespaces/%s/audit?limit=10", null, Caller.VIEWER, 200);

        final String method;
        final String path;
        final String body;
        final Caller weakestAllowed;
        final int success;

        Endpoint(String method, String path, String body, Caller weakestAllowed, int success) {
            this.method = method;
            this.path = path;
            this.body = body;
            this.weakestAllowed = weakestAllowed;
            this.success = success;
        }
    }

    static Stream<Arguments> everyEndpointWithEveryCaller() {
        return Stream.of(Endpoint.values()).flatMap(e -> Stream.of(Caller.values()).map(c -> Arguments.of(e, c)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyEndpointWithEveryCaller")
    void eachEndpointAnswers401WithoutAKnownKey403BelowItsRoleAndSucceedsAtOrAboveIt(Endpoint endpoint, Caller caller) {
        String namespace = ("m-" + endpoint + "-" + caller).toLowerCase().replace('_', '-');
        ok(api.send(leader, "PUT", "/api/v1/namespaces/" + namespace, "{}", ADMIN));
        ok(api.send(leader, "PUT", "/api/v1/namespaces/" + namespace + "/config/k", "{\"value\":\"v\"}", ADMIN));

        HttpResponse<String> answer = api.send(leader, endpoint.method, endpoint.path.formatted(namespace),
                endpoint.body, caller.key);
        if (caller == Caller.NO_KEY || caller == Caller.UNKNOWN_KEY) {
            assertProblem(answer, 401);
        } else if (caller.compareTo(endpoint.weakestAllowed) < 0) {
            assertProblem(answer, 403);
        } else {
            assertEquals(endpoint.success, answer.statusCode(), () -> describe(answer));
            return;
        }
        JsonNode unchanged = json(ok(api.send(leader, "GET", "/api/v1/namespaces/" + namespace + "/config/k", null, ADMIN)));
        assertEquals("v", unchanged.get("value").asText(), "a refused request changes nothing");
        assertEquals(1, unchanged.get("version").asLong());
        ok(api.send(leader, "GET", "/api/v1/namespaces/" + namespace, null, ADMIN));
    }

    @Test
    void aScopedEditorWritesInsideItsNamespaceOnlyAndIsRecordedByName() {
        String key = InMemoryNode.SCOPED_EDITOR_KEY;
        JsonNode written = json(ok(api.send(leader, "PUT", "/api/v1/namespaces/team-a/config/k", "{\"value\":\"1\"}", key)));
        assertEquals("Test Scoped Editor", written.get("updatedBy").asText(), "the key's name is the actor");
        for (String other : List.of("team-b", "team-a2", "team-ab", "team", "prod")) {
            assertProblem(api.send(leader, "PUT", "/api/v1/namespaces/" + other + "/config/k", "{\"value\":\"1\"}", key), 403);
            assertProblem(api.send(leader, "GET", "/api/v1/namespaces/" + other + "/config", null, key), 403);
            assertProblem(api.send(leader, "GET", "/api/v1/namespaces/" + other + "/config/k", null, key), 403);
            assertProblem(api.send(leader, "DELETE", "/api/v1/namespaces/" + other + "/config/k", null, key), 403);
            assertProblem(api.send(leader, "GET", "/api/v1/namespaces/" + other + "/audit", null, key), 403);
            assertProblem(api.send(leader, "GET", "/api/v1/namespaces/" + other, null, key), 403);
        }
        JsonNode audit = json(ok(api.send(leader, "GET", "/api/v1/namespaces/team-a/audit", null, key)));
        assertEquals("Test Scoped Editor", audit.get(0).get("actor").asText());
    }

    @Test
    void listsShowAScopedKeyOnlyWhatItMaySee() {
        for (String ns : List.of("team-a", "team-b", "team-a2")) {
            ok(api.send(leader, "PUT", "/api/v1/namespaces/" + ns, "{}", ADMIN));
            ok(api.send(leader, "PUT", "/api/v1/namespaces/" + ns + "/config/listed", "{\"value\":\"v\"}", ADMIN));
        }
        String key = InMemoryNode.SCOPED_EDITOR_KEY;
        List<String> namespaces = new ArrayList<>();
        json(ok(api.send(leader, "GET", "/api/v1/namespaces", null, key))).forEach(n -> namespaces.add(n.get("path").asText()));
        assertEquals(List.of("team-a"), namespaces);
        List<String> configNamespaces = new ArrayList<>();
        json(ok(api.send(leader, "GET", "/api/v1/configs", null, key))).forEach(c -> configNamespaces.add(c.get("ns").asText()));
        assertTrue(configNamespaces.contains("team-a"), configNamespaces::toString);
        assertTrue(configNamespaces.stream().allMatch("team-a"::equals), configNamespaces::toString);
        List<String> adminView = new ArrayList<>();
        json(ok(api.send(leader, "GET", "/api/v1/namespaces", null, ADMIN))).forEach(n -> adminView.add(n.get("path").asText()));
        assertTrue(adminView.containsAll(List.of("team-a", "team-b", "team-a2")), adminView::toString);
    }

    @Test
    void aScopedAdminManagesOnlyItsOwnNamespace() {
        String key = InMemoryNode.SCOPED_ADMIN_KEY;
        JsonNode created = json(ok(api.send(leader, "PUT", "/api/v1/namespaces/team-b", "{\"description\":\"b\"}", key)));
        assertEquals("Test Scoped Admin", created.get("owner").asText());
        ok(api.send(leader, "PUT", "/api/v1/namespaces/team-c", "{}", ADMIN));
        assertProblem(api.send(leader, "PUT", "/api/v1/namespaces/team-c", "{\"description\":\"taken\"}", key), 403);
        assertProblem(api.send(leader, "DELETE", "/api/v1/namespaces/team-c", null, key), 403);
        JsonNode untouched = json(ok(api.send(leader, "GET", "/api/v1/namespaces/team-c", null, ADMIN)));
        assertTrue(untouched.get("description").isNull(), untouched::toString);
    }

    @Test
    void theApiKeyHeaderNameIsCaseInsensitive() {
        for (String name : List.of("x-api-key", "X-API-KEY", "X-Api-Key")) {
            HttpResponse<String> answer = leader.send("GET", "api/v1/namespaces", null, null,
                    Map.of(name, InMemoryNode.READER_KEY));
            assertEquals(200, answer.statusCode(), () -> name + ": " + describe(answer));
        }
    }

    @Test
    void aWrongOrEmptyKeyAnswers401AndAKeyDifferingInOneCharacterToo() {
        assertProblem(api.send(leader, "GET", "/api/v1/namespaces", null, ""), 401);
        assertProblem(api.send(leader, "GET", "/api/v1/namespaces", null, ADMIN + "x"), 401);
        assertProblem(api.send(leader, "GET", "/api/v1/namespaces", null, ADMIN.substring(1)), 401);
        String hashedForm = "sha256:" + "0".repeat(64);
        assertProblem(api.send(leader, "GET", "/api/v1/namespaces", null, hashedForm), 401);
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), () -> describe(response));
        return response;
    }
}
