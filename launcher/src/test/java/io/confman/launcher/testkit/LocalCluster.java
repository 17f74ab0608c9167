package io.confman.launcher.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.confman.codec.pem.Pem;
import io.confman.codec.wire.HealthReport;
import io.confman.launcher.tls.LocalCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * N real Confman nodes on 127.0.0.1, each its own JVM process started from the module path the
 * tests run on, with free ports and its own data directory. Used by every multi-node test.
 *
 * <p>Nodes can be stopped (SIGTERM), killed (SIGKILL, as {@code kill -9}), wiped and restarted.
 * Each node's output goes to {@code <dir>/nodeN.log}; the directory is kept under
 * {@code target/local-clusters/} for post-mortems.
 *
 * <p>{@link #startTls} starts a TLS cluster: a CA of its own in {@code <dir>/tls} ({@link #ca},
 * {@link #caFile}), a certificate per node (127.0.0.1, localhost), HTTPS member URLs, and an
 * {@link #http} probe that trusts that CA.
 */
public final class LocalCluster implements AutoCloseable {
    public static final String ADMIN_KEY = "confman_dev_abc123";
    public static final String READER_KEY = "confman_dev_reader";
    /** Test keys beyond the development pair: one per remaining role, plus namespace-scoped ones. */
    public static final String EDITOR_KEY = "confman_test_editor";
    public static final String PUBLISHER_KEY = "confman_test_publisher";
    /** An editor limited to namespace {@value #SCOPED_NAMESPACE}, configured by its SHA-256 only. */
    public static final String SCOPED_EDITOR_KEY = "confman_test_scoped_editor";
    /** An admin limited to namespace {@value #SCOPED_ADMIN_NAMESPACE}. */
    public static final String SCOPED_ADMIN_KEY = "confman_test_scoped_admin";
    public static final String SCOPED_NAMESPACE = "team-a";
    public static final String SCOPED_ADMIN_NAMESPACE = "team-b";
    public static final String TOKEN = "local-cluster-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(50);

    private final Path dir;
    private final UUID groupId = UUID.randomUUID();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, String> settings;
    private final HttpProbe http;
    /** The cluster's own CA when it runs with TLS. */
    private final LocalCa ca;
    /**
     * True while the nodes of a brand-new cluster are first started: they are told so
     * ({@code cluster.initialState: new}), and only then format as voters; a node started later
     * with empty storage joins as a non-voter.
     */
    private volatile boolean forming;

    private LocalCluster(Path dir, int size, Map<String, String> settings, boolean separateRaftAddresses,
                         boolean tls) throws IOException {
        this.dir = dir;
        this.settings = settings;
        this.ca = tls ? LocalCa.openOrCreate(dir.resolve("tls")) : null;
        this.http = new HttpProbe(tls ? Optional.of(Pem.clientContext(List.of(ca.certificate()))) : Optional.empty());
        for (int i = 1; i <= size; i++) {
            int raftPort = freePort();
            nodes.add(new Node("node" + i, scheme(), freePort(), raftPort, separateRaftAddresses ? freePort() : raftPort,
                    dir.resolve("node" + i)));
        }
    }

    /** Starts {@code size} nodes with TLS everywhere (HTTPS, node-to-node HTTPS, mutual TLS on Raft). */
    public static LocalCluster startTls(int size, Map<String, String> settings) {
        return start(size, settings, false, true);
    }

    public boolean tls() {
        return ca != null;
    }

    /** The CA of a TLS cluster. */
    public LocalCa ca() {
        if (ca == null) {
            throw new IllegalStateException("not a TLS cluster");
        }
        return ca;
    }

    /** The PEM file of the CA of a TLS cluster, the one clients trust. */
    public Path caFile() {
        ca();
        return dir.resolve("tls").resolve("ca.pem");
    }

    private String scheme() {
        return ca != null ? "https" : "http";
    }

    /** Starts {@code size} nodes with default settings. */
    public static LocalCluster start(int size) {
        return start(size, Map.of());
    }

    /**
     * Starts {@code size} nodes. {@code settings} are extra dotted configuration keys written
     * into every node's base file (e.g. {@code raft.snapshotInterval=10}).
     */
    public static LocalCluster start(int size, Map<String, String> settings) {
        return start(size, settings, false, false);
    }

    /**
     * Starts {@code size} nodes whose members reach each other's Raft port at an address of its
     * own ({@link Node#advertisedRaftPort}), where a proxy may stand (the fault suite's partitions);
     * each node binds Ratis to its real {@link Node#raftPort} through {@code raft.ratis}.
     */
    public static LocalCluster startBehindRaftProxies(int size, Map<String, String> settings) {
        return start(size, settings, true, false);
    }

    private static LocalCluster start(int size, Map<String, String> settings, boolean separateRaftAddresses,
                                      boolean tls) {
        try {
            Path root = Path.of("target", "local-clusters").toAbsolutePath();
            Files.createDirectories(root);
            LocalCluster cluster = new LocalCluster(Files.createTempDirectory(root, "cluster-"), size, settings,
                    separateRaftAddresses, tls);
            cluster.writeBaseConfig(cluster.baseConfigFile(), cluster.memberYaml(cluster.nodes));
            cluster.forming = true;
            for (Node node : cluster.nodes) {
                cluster.start(node);
            }
            cluster.forming = false;
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /**
     * A further node with its own free ports and data directory, not started and not yet a member:
     * start it with a base config that lists it ({@link #writeBaseConfig}, {@link #memberYaml}) and
     * add it through the members API. It is killed with the others on {@link #close}.
     */
    public Node newNode() {
        int raftPort = freePort();
        Node node = new Node("node" + (nodes.size() + 1), scheme(), freePort(), raftPort, raftPort,
                dir.resolve("node" + (nodes.size() + 1)));
        nodes.add(node);
        return node;
    }

    public Node node(String id) {
        return nodes.stream().filter(n -> n.id.equals(id)).findFirst().orElseThrow();
    }

    public HttpProbe http() {
        return http;
    }

    public Path dir() {
        return dir;
    }

    public Path baseConfigFile() {
        return dir.resolve("base.yaml");
    }

    /** Writes a base config naming {@code members} (YAML list items), with this cluster's settings. */
    public void writeBaseConfig(Path file, String membersYaml) throws IOException {
        Map<String, String> merged = new LinkedHashMap<>();
        merged.put("cluster.groupId", groupId.toString());
        merged.put("cluster.token", TOKEN);
        merged.putAll(settings);
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        merged.forEach((key, value) -> {
            int dot = key.indexOf('.');
            sections.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>())
                    .put(key.substring(dot + 1), value);
        });
        StringBuilder yaml = new StringBuilder();
        sections.forEach((section, values) -> {
            yaml.append(section).append(":\n");
            values.forEach((k, v) -> yaml.append("  ").append(k).append(": \"").append(v).append("\"\n"));
            if (section.equals("cluster")) {
                yaml.append("  members:\n").append(membersYaml);
            }
        });
        yaml.append("""
                auth:
                  apiKeys:
                    - name: "Development Admin"
                      key: "%s"
                      roles: ["admin"]
                    - name: "Development Reader"
                      key: "%s"
                      roles: ["viewer"]
                    - name: "Test Editor"
                      key: "%s"
                      roles: ["editor"]
                    - name: "Test Publisher"
                      key: "%s"
                      roles: ["publisher"]
                    - name: "Test Scoped Editor"
                      key: "sha256:%s"
                      roles: ["editor"]
                      namespaces: ["%s"]
                    - name: "Test Scoped Admin"
                      key: "%s"
                      roles: ["admin"]
                      namespaces: ["%s"]
                """.formatted(ADMIN_KEY, READER_KEY, EDITOR_KEY, PUBLISHER_KEY, sha256Hex(SCOPED_EDITOR_KEY),
                SCOPED_NAMESPACE, SCOPED_ADMIN_KEY, SCOPED_ADMIN_NAMESPACE));
        Files.writeString(file, yaml);
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The YAML list items (indented for {@code cluster.members}) describing {@code members}. */
    public String memberYaml(List<Node> members) {
        return members.stream().map(n -> """
                    - id: "%s"
                      url: "%s://127.0.0.1:%d/"
                      raftAddress: "127.0.0.1:%d"
                """.formatted(n.id, scheme(), n.httpPort, n.advertisedRaftPort)).collect(Collectors.joining());
    }

    /** Starts (or restarts) {@code node}'s process with the cluster's base config. */
    public void start(Node node) {
        start(node, baseConfigFile());
    }

    /** Starts {@code node}'s process with {@code baseConfig} instead of the cluster's own. */
    public void start(Node node, Path baseConfig) {
        if (node.process != null && node.process.isAlive()) {
            throw new IllegalStateException(node.id + " is already running");
        }
        node.process = NodeProcess.launch(nodeArgs(node, baseConfig), dir.resolve(node.id + ".log"));
    }

    /** Starts (or restarts) {@code node} with {@code overrides} on top of the cluster's settings. */
    public void startWith(Node node, Map<String, String> overrides) {
        Path extra = dir.resolve(node.id + "-overrides.yaml");
        // One block per section: a section named twice in a YAML file keeps only its last keys.
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        overrides.forEach((key, value) -> {
            int dot = key.indexOf('.');
            sections.computeIfAbsent(key.substring(0, dot), section -> new StringBuilder(section + ":\n"))
                    .append("  ").append(key.substring(dot + 1)).append(": \"").append(value).append("\"\n");
        });
        String yaml = String.join("", sections.values());
        try {
            Files.writeString(extra, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node.process != null && node.process.isAlive()) {
            throw new IllegalStateException(node.id + " is already running");
        }
        List<String> args = new ArrayList<>(nodeArgs(node, baseConfigFile()));
        args.addAll(List.of("--config", extra.toString()));
        node.process = NodeProcess.launch(args, dir.resolve(node.id + ".log"));
    }

    /** The node's command-line arguments for the launcher's {@code main}. */
    public List<String> nodeArgs(Node node, Path baseConfig) {
        Path nodeFile = dir.resolve(node.id + ".yaml");
        try {
            String yaml = "node:\n  id: \"" + node.id + "\"\n  dataDir: \"" + node.dataDir + "\"\n"
                    + (forming ? "cluster:\n  initialState: \"new\"\n" : "");
            if (ca != null) {
                yaml += tlsYaml(node);
            }
            if (node.advertisedRaftPort != node.raftPort) {
                String ratis = settings.getOrDefault("raft.ratis", "");
                yaml += "raft:\n  ratis: \"" + (ratis.isBlank() ? "" : ratis + ", ") + "raft.grpc.server.port="
                        + node.raftPort + "\"\n";
            }
            Files.writeString(nodeFile, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of("--config", baseConfig.toString(), "--config", nodeFile.toString());
    }

    /** The node's {@code tls.*} keys: its certificate (issued on first use) and the cluster CA. */
    private String tlsYaml(Node node) throws IOException {
        Path tlsDir = dir.resolve("tls");
        Path certificate = tlsDir.resolve(node.id + ".pem");
        Path key = tlsDir.resolve(node.id + "-key.pem");
        if (!Files.exists(certificate)) {
            ca.issueLocal(node.id).write(certificate, key);
        }
        return "tls:\n  enabled: true\n  certificate: \"" + certificate + "\"\n  privateKey: \"" + key
                + "\"\n  ca: \"" + caFile() + "\"\n";
    }

    /** The health answer of {@code node}, or empty when it does not answer. */
    public Optional<HealthReport> health(Node node) {
        return http.get(node.url("health/ready"), Map.of()).flatMap(r -> {
            try {
                HealthReport report = JSON.readValue(r.body(), HealthReport.class);
                return node.id.equals(report.cluster().nodeId()) ? Optional.of(report) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Waits until every running node reports the same leader and term and is ready; returns the
     * leader.
     */
    public Node awaitLeader(Duration timeout) {
        return await(timeout, "a leader agreed by all running nodes", () -> {
            List<Node> running = nodes.stream().filter(Node::running).toList();
            List<HealthReport> reports = running.stream().map(this::health).flatMap(Optional::stream).toList();
            if (reports.size() != running.size() || reports.isEmpty()) {
                return Optional.empty();
            }
            var first = reports.getFirst().cluster();
            boolean agree = reports.stream().allMatch(r -> r.ready()
                    && first.leader() != null && first.leader().equals(r.cluster().leader())
                    && r.cluster().term() == first.term());
            return agree ? nodes.stream().filter(n -> first.leader().equals(n.baseUrl())).findFirst()
                    : Optional.empty();
        });
    }

    /** Polls {@code probe} until it yields a value or {@code timeout} passes. */
    public static <T> T await(Duration timeout, String what, java.util.function.Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            sleep(POLL);
        }
    }

    /** Polls until {@code condition} holds for {@code node}'s health answer. */
    public HealthReport awaitHealth(Node node, Duration timeout, String what, Predicate<HealthReport> condition) {
        return await(timeout, node.id + ": " + what, () -> health(node).filter(condition));
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            node.kill();
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Test ports come from below Linux's ephemeral range (32768–60999): a node binds its ports
     * seconds after they were chosen, and a port from that range may meanwhile become the source
     * port of some outgoing connection. Each JVM starts at a random place so that two test runs on
     * one machine rarely meet; a port that does not bind is skipped.
     */
    private static final int TEST_PORTS_FIRST = 20_000;
    private static final int TEST_PORTS_COUNT = 12_000;
    private static final AtomicInteger NEXT_PORT = new AtomicInteger(ThreadLocalRandom.current().nextInt(TEST_PORTS_COUNT));

    /** A port that is free now, outside the ephemeral range, and that no other node of this test run was given. */
    public static int freePort() {
        for (int attempt = 0; attempt < TEST_PORTS_COUNT; attempt++) {
            int port = TEST_PORTS_FIRST + Math.floorMod(NEXT_PORT.getAndIncrement(), TEST_PORTS_COUNT);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException inUse) {
                // taken by something else: try the next one
            }
        }
        throw new IllegalStateException("no free loopback port in " + TEST_PORTS_FIRST + ".."
                + (TEST_PORTS_FIRST + TEST_PORTS_COUNT - 1));
    }

    /** One member of the cluster and, when running, its process. */
    public static final class Node {
        private final String id;
        private final String scheme;
        private final int httpPort;
        private final int raftPort;
        private final int advertisedRaftPort;
        private final Path dataDir;
        private volatile NodeProcess process;

        Node(String id, String scheme, int httpPort, int raftPort, int advertisedRaftPort, Path dataDir) {
            this.id = id;
            this.scheme = scheme;
            this.httpPort = httpPort;
            this.raftPort = raftPort;
            this.advertisedRaftPort = advertisedRaftPort;
            this.dataDir = dataDir;
        }

        public String id() {
            return id;
        }

        public int httpPort() {
            return httpPort;
        }

        public int raftPort() {
            return raftPort;
        }

        /** Where the other members reach this node's Raft port (a proxy's, or {@link #raftPort} itself). */
        public int advertisedRaftPort() {
            return advertisedRaftPort;
        }

        public Path dataDir() {
            return dataDir;
        }

        public String baseUrl() {
            return scheme + "://127.0.0.1:" + httpPort + "/";
        }

        public URI url(String path) {
            return URI.create(baseUrl() + path);
        }

        public boolean running() {
            return process != null && process.isAlive();
        }

        public long pid() {
            return process.pid();
        }

        /** SIGKILL, like {@code kill -9}: no shutdown hook runs. Waits until the process is gone. */
        public void kill() {
            if (process != null) {
                process.kill();
            }
        }

        /** SIGSTOP, like a long GC pause or a frozen VM: the process keeps its sockets and state. */
        public void pause() {
            signal("STOP");
        }

        /** SIGCONT after {@link #pause}. */
        public void resume() {
            signal("CONT");
        }

        private void signal(String name) {
            try {
                Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
                if (kill.waitFor() != 0) {
                    throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while signalling " + id, e);
            }
        }

        /** SIGTERM; returns how long the process took to exit. */
        public Duration terminate(Duration timeout) {
            return process.terminate(timeout);
        }

        /** Deletes the node's data directory (the node must not be running). */
        public void wipe() {
            if (running()) {
                throw new IllegalStateException(id + " is running");
            }
            NodeProcess.deleteRecursively(dataDir);
        }

        public String log() {
            return process == null ? "" : process.log();
        }

        public Optional<Integer> exitCode(Duration wait) {
            return process.exitCode(wait);
        }
    }
}
