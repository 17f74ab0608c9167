package io.confman.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confman.blob.InMemoryBlobStore;
import io.confman.blob.UploadSessions;
import io.confman.blob.peer.InMemoryBlobPeerClient;
import io.confman.raft.ConfigStateMachine;
import io.confman.raft.node.InMemoryClusterNode;
import io.confman.raft.node.Member;
import io.confman.raft.node.RaftSettings;
import io.confman.raft.store.ReplicatedConfigStore;
import io.confman.raft.watch.ChangeFeed;
import io.confman.web.metrics.HttpRequestCounter;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The routes {@link ConfmanWebServer#routes} declares, recorded without a server, against the
 * OpenAPI document the node serves: every public route (not {@code /internal}, not the catch-all
 * 405 answers) is in the document and every operation of the document is a declared route.
 * (OpenApiTest in the launcher checks the document against docs/API.md and a running node.)
 */
class RoutesTest {

    @Test
    void theOpenApiDocumentListsExactlyTheDeclaredPublicRoutes() throws IOException {
        RecordingRules recorder = new RecordingRules("");
        ConfmanWebServer.routes(recorder, services(), new WebSettings("127.0.0.1", 0, 1024, 8, 8, 60_000, 1, 8, 1_000),
                new HttpRequestCounter());
        Set<String> declared = new TreeSet<>(recorder.operations);
        assertTrue(declared.contains("GET /internal/state"), declared::toString);
        declared.removeIf(operation -> operation.contains(" /internal"));
        assertEquals(documented(), declared);
    }

    private static Set<String> documented() throws IOException {
        try (InputStream in = ConfmanWebServer.class.getResourceAsStream("/io/confman/web/openapi.json")) {
            JsonNode paths = new ObjectMapper().readTree(in).get("paths");
            Set<String> operations = new TreeSet<>();
            paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                if (Set.of("get", "head", "put", "post", "delete", "patch").contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }));
            return operations;
        }
    }

    /** Records "METHOD /full/path" for every method-specific route; catch-all routes are left out. */
    private static final class RecordingRules implements HttpRules {
        private final String prefix;
        private final Set<String> operations;

        RecordingRules(String prefix) {
            this(prefix, new TreeSet<>());
        }

        private RecordingRules(String prefix, Set<String> operations) {
            this.prefix = prefix;
            this.operations = operations;
        }

        @Override
        public HttpRules register(HttpService... services) {
            for (HttpService service : services) {
                service.routing(this);
            }
            return this;
        }

        @Override
        public HttpRules register(String pathPattern, HttpService... services) {
            RecordingRules nested = new RecordingRules(join(pathPattern), operations);
            for (HttpService service : services) {
                service.routing(nested);
            }
            return this;
        }

        @Override
        public HttpRules route(HttpRoute route) {
            throw new AssertionError("a route declared without a method and path cannot be recorded");
        }

        @Override
        public HttpRules route(Method method, String pathPattern, Handler handler) {
            operations.add(method.text() + " " + join(pathPattern));
            return this;
        }

        @Override
        public HttpRules get(String pathPattern, Handler... handlers) {
            return route(Method.GET, pathPattern, handlers[0]);
        }

        @Override
        public HttpRules put(String pathPattern, Handler... handlers) {
            return route(Method.PUT, pathPattern, handlers[0]);
        }

        @Override
        public HttpRules post(String pathPattern, Handler... handlers) {
            return route(Method.POST, pathPattern, handlers[0]);
        }

        @Override
        public HttpRules delete(String pathPattern, Handler... handlers) {
            return route(Method.DELETE, pathPattern, handlers[0]);
        }

        @Override
        public HttpRules head(String pathPattern, Handler... handlers) {
            return route(Method.HEAD, pathPattern, handlers[0]);
        }

        @Override
        public HttpRules any(String pathPattern, Handler... handlers) {
            return this;
        }

        private String join(String pathPattern) {
            String joined = prefix + (pathPattern.equals("/") ? "" : pathPattern);
            return joined.isEmpty() ? "/" : joined;
        }
    }

    /** Services over an in-memory node: enough for the routes to be declared. */
    private static NodeServices services() {
        Member self = new Member("node1", URI.create("http://127.0.0.1:1/"), "127.0.0.1", 2);
        RaftSettings settings = new RaftSettings("node1", UUID.randomUUID(), List.of(self), Path.of("unused"),
                1_000, 3_000, 10_000, 100, 10_000, 1 << 20, 2, Map.of(),
                RaftSettings.InitialState.EXISTING);
        ConfigStateMachine state = new ConfigStateMachine();
        InMemoryClusterNode node = new InMemoryClusterNode(settings, state);
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        UploadSessions uploads;
        try {
            uploads = UploadSessions.open(Files.createTempDirectory("routes-uploads"), Duration.ofHours(1), 1024, 0,
                    Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NodeServices(new ReplicatedConfigStore(node, state), List.of(), "token", blobs,
                new InMemoryBlobPeerClient(blobs, 1024), new BlobSettings(1024, 1024,
                Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMinutes(1),
                Duration.ofSeconds(1), 0, 1, Duration.ofHours(1)), new ChangeFeed(8, 1), () -> 0, uploads);
    }
}
