package io.confman.launcher;

import io.confman.blob.BlobStore;
import io.confman.blob.FileBlobStore;
import io.confman.blob.UploadSessions;
import io.confman.blob.peer.HttpBlobPeerClient;
import io.confman.launcher.tls.NodeTls;
import io.confman.raft.ConfigStateMachine;
import io.confman.raft.node.ClusterNode;
import io.confman.raft.node.Member;
import io.confman.raft.node.StartupRefusedException;
import io.confman.raft.start.RaftNodes;
import io.confman.raft.store.ReplicatedConfigStore;
import io.confman.raft.watch.ChangeFeed;
import io.confman.web.ConfmanWebServer;
import io.confman.web.NodeServices;
import io.confman.web.RunningServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node: Raft first, then HTTP. {@link #close} stops them in reverse order and is safe
 * to call from a shutdown hook.
 */
public final class NodeRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);

    private final NodeSettings settings;
    private final ClusterNode node;
    private final ChangeFeed changes;
    private final HttpBlobPeerClient blobPeers;
    private final BlobMaintenance blobMaintenance;
    private final RunningServer http;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<String> refusal = new AtomicReference<>();
    private volatile RaftLiveness raftLiveness;
    private volatile RuleAgreement ruleAgreement;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private NodeRuntime(NodeSettings settings, ClusterNode node, ChangeFeed changes, HttpBlobPeerClient blobPeers,
                        BlobMaintenance blobMaintenance, RunningServer http) {
        this.settings = settings;
        this.node = node;
        this.changes = changes;
        this.blobPeers = blobPeers;
        this.blobMaintenance = blobMaintenance;
        this.http = http;
    }

    /** Checks the ports, starts Raft and HTTP; refuses with one line when something is in the way. */
    public static NodeRuntime start(NodeSettings settings) throws IOException {
        long started = System.nanoTime();
        var self = settings.raft().self();
        requireFree("http", settings.web().host(), settings.web().port());
        // Ratis binds the member address's port unless raft.ratis names another (a proxy may hold the
        // advertised one, as in the fault suite); that is the port that must be free.
        String boundRaftPort = settings.raft().ratisProperties().get("raft.grpc.server.port");
        requireFree("raft", self.raftHost(), boundRaftPort != null ? Integer.parseInt(boundRaftPort.trim())
                : self.raftPort());
        Optional<NodeTls> tls = settings.tls().map(files -> NodeTls.load(files,
                new LinkedHashSet<>(List.of(self.httpUrl().getHost(), self.raftHost())), Instant.now()));
        Optional<SSLContext> tlsContext = tls.map(NodeTls::context);
        Files.createDirectories(settings.dataDir());
        BlobStore blobs = FileBlobStore.open(settings.dataDir().resolve("blobs"), settings.blob().reserveFreeBytes());
        var state = new ConfigStateMachine(settings.auditEventsPerNamespace());
        var changes = new ChangeFeed(settings.web().watchQueueEvents(), settings.web().maxWatchers());
        state.listen(changes);
        ClusterNode node = RaftNodes.start(settings.raft(), state, tls.map(NodeTls::raft));
        var blobPeers = new HttpBlobPeerClient(blobs, settings.clusterToken(), settings.blob().maxSizeBytes(),
                java.time.Duration.ofMillis(settings.raft().requestTimeoutMillis()), tlsContext);
        var store = new ReplicatedConfigStore(node, state);
        var blobMaintenance = new BlobMaintenance(store, blobs, blobPeers, settings.blob());
        var uploads = UploadSessions.open(settings.dataDir().resolve("uploads"), settings.blob().uploadExpiry(),
                settings.blob().maxSizeBytes(), settings.blob().reserveFreeBytes(), Clock.systemUTC());
        var services = new NodeServices(store, settings.apiKeys(), settings.clusterToken(), blobs, blobPeers,
                settings.blob(), changes, blobMaintenance::missing, uploads);
        RunningServer http;
        try {
            http = ConfmanWebServer.start(settings.web(), services, tlsContext);
        } catch (RuntimeException e) {
            changes.close();
            blobMaintenance.close();
            blobPeers.close();
            node.close();
            throw new StartupRefusedException("HTTP server could not start on " + settings.web().host() + ":"
                    + settings.web().port() + ": " + e.getMessage(), e);
        }
        LOG.info("node {} serving {} on {}:{} (Raft {}{}), started in {} ms", settings.raft().nodeId(),
                tls.isPresent() ? "HTTPS" : "HTTP", settings.web().host(), http.port(), self.raftAddress(),
                tls.isPresent() ? ", mutual TLS" : "", (System.nanoTime() - started) / 1_000_000);
        blobMaintenance.start();
        NodeRuntime runtime = new NodeRuntime(settings, node, changes, blobPeers, blobMaintenance, http);
        runtime.checkRulesAgree(tlsContext);
        runtime.watchRaftServer();
        return runtime;
    }

    /**
     * Compares the state machine rules with the other members as they answer; when a majority of
     * the members disagrees with this node, it stops (it must not apply the log differently),
     * reported by {@link #refusal}.
     */
    private void checkRulesAgree(Optional<SSLContext> tls) {
        List<Member> peers = settings.raft().members().stream()
                .filter(m -> !m.id().equals(settings.raft().nodeId())).toList();
        ruleAgreement = new RuleAgreement(peers, settings.clusterToken(), settings.auditEventsPerNamespace(),
                this::stopBecause, tls);
        ruleAgreement.start();
    }

    /** Stops the node when its Raft server stops on its own (see {@link RaftLiveness}). */
    private void watchRaftServer() {
        raftLiveness = new RaftLiveness(node::raftRunning, this::stopBecause);
        raftLiveness.start();
    }

    private void stopBecause(String reason) {
        LOG.error("node {} stops: {}", settings.raft().nodeId(), reason);
        refusal.set(reason);
        // Not on the watcher's own thread, which closing shuts down.
        Thread.ofPlatform().name("node-stop").start(this::close);
    }

    /** Why the node stopped by itself after it started, if it did. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal.get());
    }

    private static void requireFree(String what, String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new StartupRefusedException(what + " port " + host + ":" + port + " is not available ("
                    + e.getMessage() + "): stop what holds it or change this member's address");
        }
    }

    public String nodeId() {
        return settings.raft().nodeId();
    }

    /** Blocks until {@link #close} finished. */
    public void awaitClosed() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("node {} stopping", settings.raft().nodeId());
        try {
            if (ruleAgreement != null) {
                ruleAgreement.close();
            }
            if (raftLiveness != null) {
                raftLiveness.close();
            }
            // Watch streams end first, so the HTTP server's graceful stop does not wait on them.
            changes.close();
            http.close();
            blobMaintenance.close();
            blobPeers.close();
        } finally {
            node.close();
            stopped.countDown();
        }
    }
}
