package io.confman.web.testing;

import io.confman.blob.InMemoryBlobStore;
import io.confman.blob.UploadSessions;
import io.confman.blob.peer.InMemoryBlobPeerClient;
import io.confman.raft.ConfigStateMachine;
import io.confman.raft.node.InMemoryClusterNode;
import io.confman.raft.node.Member;
import io.confman.raft.node.RaftSettings;
import io.confman.raft.store.ReplicatedConfigStore;
import io.confman.raft.watch.ChangeFeed;
import io.confman.web.ApiKey;
import io.confman.web.BlobSettings;
import io.confman.web.ConfmanWebServer;
import io.confman.web.NodeServices;
import io.confman.web.RunningServer;
import io.confman.web.WebSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One node's real HTTP API in this JVM, for the web layer's API tests: the production wiring
 * ({@link ConfmanWebServer#start}, so {@code routing(...)} with its filters, error handler and
 * direct handlers) on a free loopback port, over the in-memory twins: an {@link
 * InMemoryClusterNode} (the leader of a three-member group that commits at once), an {@link
 * InMemoryBlobStore} whose two peers are in-memory stores reached through an {@link
 * InMemoryBlobPeerClient}, and resumable uploads in a temporary directory. The API keys are the
 * launcher test cluster's. Starts in milliseconds; no Raft, no other process.
 */
public final class InMemoryNode implements AutoCloseable {
    public static final String ADMIN_KEY = "confman_dev_abc123";
    public static final String READER_KEY = "confman_dev_reader";
    public static final String EDITOR_KEY = "confman_test_editor";
    public static final String PUBLISHER_KEY = "confman_test_publisher";
    /** An editor limited to {@link #SCOPED_NAMESPACE}, configured by the SHA-256 of its key. */
    public static final String SCOPED_EDITOR_KEY = "confman_test_scoped_editor";
    /** An admin limited to {@link #SCOPED_ADMIN_NAMESPACE}. */
    public static final String SCOPED_ADMIN_KEY = "confman_test_scoped_admin";
    public static final String SCOPED_NAMESPACE = "team-a";
    public static final String SCOPED_ADMIN_NAMESPACE = "team-b";
    public static final String TOKEN = "in-memory-test-token";
    /** Above every server-side wait a test provokes. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ConfigStateMachine state;
    private final InMemoryClusterNode raft;
    private final InMemoryBlobStore blobs;
    private final List<InMemoryBlobStore> peerBlobs;
    private final NodeServices services;
    private final RunningServer server;
    private final Path uploadsDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private InMemoryNode(ConfigStateMachine state, InMemoryClusterNode raft, InMemoryBlobStore blobs,
                         List<InMemoryBlobStore> peerBlobs, NodeServices services, RunningServer server,
                         Path uploadsDir) {
        this.state = state;
        this.raft = raft;
        this.blobs = blobs;
        this.peerBlobs = peerBlobs;
        this.services = services;
        this.server = server;
        this.uploadsDir = uploadsDir;
    }

    /** A node with a node's default limits (no disk reserve: nothing is on a disk), as the launcher's test cluster has. */
    public static InMemoryNode start() {
        return start(new WebSettings("127.0.0.1", 0, WebSettings.DEFAULT_MAX_PAYLOAD_BYTES,
                WebSettings.DEFAULT_MAX_TCP_CONNECTIONS, WebSettings.DEFAULT_MAX_CONCURRENT_REQUESTS,
                WebSettings.DEFAULT_IDLE_TIMEOUT_MILLIS, WebSettings.DEFAULT_MAX_WATCHERS,
                WebSettings.DEFAULT_WATCH_QUEUE_EVENTS, WebSettings.DEFAULT_WATCH_HEARTBEAT_MILLIS),
                blobSettings(BlobSettings.DEFAULT_INLINE_THRESHOLD_BYTES, BlobSettings.DEFAULT_MAX_SIZE_BYTES));
    }

    /** Blob settings with the given threshold and limit, and defaults elsewhere (no disk reserve). */
    public static BlobSettings blobSettings(long inlineThresholdBytes, long maxSizeBytes) {
        return new BlobSettings(inlineThresholdBytes, maxSizeBytes, Duration.ofSeconds(10),
                BlobSettings.DEFAULT_GC_SAFETY_WINDOW, BlobSettings.DEFAULT_GC_INTERVAL,
                BlobSettings.DEFAULT_RECONCILE_INTERVAL, 0, BlobSettings.DEFAULT_MAX_CONCURRENT_UPLOADS,
                BlobSettings.DEFAULT_UPLOAD_EXPIRY);
    }

    /** A node serving with {@code web} (its port is ignored: a free one is taken) and {@code blob}. */
    public static InMemoryNode start(WebSettings web, BlobSettings blob) {
        return start(new ConfigStateMachine(), web, blob);
    }

    /** A node applying to {@code state} (e.g. with another audit bound), serving as {@link #start(WebSettings, BlobSettings)}. */
    public static InMemoryNode start(ConfigStateMachine state, WebSettings web, BlobSettings blob) {
        List<Member> members = List.of(member("node1", 1), member("node2", 2), member("node3", 3));
        RaftSettings raftSettings = new RaftSettings("node1", UUID.randomUUID(), members, Path.of("unused"),
                1_000, 3_000, 10_000, 100, 10_000, RaftSettings.DEFAULT_LOG_SEGMENT_SIZE_BYTES, 2, Map.of(),
                RaftSettings.InitialState.NEW);
        ChangeFeed changes = new ChangeFeed(web.watchQueueEvents(), web.maxWatchers());
        state.listen(changes);
        InMemoryClusterNode raft = new InMemoryClusterNode(raftSettings, state);
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        InMemoryBlobPeerClient peers = new InMemoryBlobPeerClient(blobs, blob.maxSizeBytes());
        List<InMemoryBlobStore> peerBlobs = List.of(new InMemoryBlobStore(), new InMemoryBlobStore());
        peers.connect("node2", peerBlobs.get(0));
        peers.connect("node3", peerBlobs.get(1));
        try {
            Path uploadsDir = Files.createTempDirectory("in-memory-node-uploads");
            UploadSessions uploads = UploadSessions.open(uploadsDir, blob.uploadExpiry(), blob.maxSizeBytes(),
                    blob.reserveFreeBytes(), Clock.systemUTC());
            NodeServices services = new NodeServices(new ReplicatedConfigStore(raft, state), apiKeys(), TOKEN, blobs,
                    peers, blob, changes, () -> 0, uploads);
            WebSettings anyPort = new WebSettings(web.host(), 0, web.maxPayloadBytes(), web.maxTcpConnections(),
                    web.maxConcurrentRequests(), web.idleTimeoutMillis(), web.maxWatchers(), web.watchQueueEvents(),
                    web.watchHeartbeatMillis());
            return new InMemoryNode(state, raft, blobs, peerBlobs, services, ConfmanWebServer.start(anyPort, services),
                    uploadsDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Member member(String id, int ordinal) {
        // Addresses nobody listens on: the in-memory node never dials them.
        return new Member(id, URI.create("http://127.0.0.1:" + (9 + ordinal * 2) + "/"), "127.0.0.1",
                10 + ordinal * 2);
    }

    private static List<ApiKey> apiKeys() {
        return List.of(
                new ApiKey("Development Admin", ADMIN_KEY, List.of("admin"), null),
                new ApiKey("Development Reader", READER_KEY, List.of("viewer"), null),
                new ApiKey("Test Editor", EDITOR_KEY, List.of("editor"), null),
                new ApiKey("Test Publisher", PUBLISHER_KEY, List.of("publisher"), null),
                new ApiKey("Test Scoped Editor", "sha256:" + sha256Hex(SCOPED_EDITOR_KEY), List.of("editor"),
                        List.of(SCOPED_NAMESPACE)),
                new ApiKey("Test Scoped Admin", SCOPED_ADMIN_KEY, List.of("admin"), List.of(SCOPED_ADMIN_NAMESPACE)));
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node's Raft twin: {@link InMemoryClusterNode#isolate} takes its quorum away. */
    public InMemoryClusterNode raft() {
        return raft;
    }

    public ConfigStateMachine state() {
        return state;
    }

    public InMemoryBlobStore blobs() {
        return blobs;
    }

    /** The blob stores of the two peers (node2, node3). */
    public List<InMemoryBlobStore> peerBlobs() {
        return peerBlobs;
    }

    public NodeServices services() {
        return services;
    }

    public int httpPort() {
        return server.port();
    }

    /** {@code path} (with or without a leading slash) on this node. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + "/" + (path.startsWith("/") ? path.substring(1) : path));
    }

    public HttpClient http() {
        return http;
    }

    /**
     * Sends {@code method} to {@code path} with an optional JSON body ({@code Content-Type:
     * application/json} unless {@code headers} name another), the API key if not null, and {@code
     * headers}.
     */
    public HttpResponse<String> send(String method, String path, String body, String key,
                                     Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        if (key != null) {
            all.put("X-Api-Key", key);
        }
        if (body != null) {
            all.put("Content-Type", "application/json");
        }
        all.putAll(headers);
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        all.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public HttpResponse<String> send(String method, String path, String body, String key) {
        return send(method, path, body, key, Map.of());
    }

    @Override
    public void close() {
        server.close();
        services.changes().close();
        raft.close();
        try (Stream<Path> files = Files.walk(uploadsDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
