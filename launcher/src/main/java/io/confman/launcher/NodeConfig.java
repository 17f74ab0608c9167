package io.confman.launcher;

import io.confman.raft.node.Member;
import io.confman.raft.node.RaftSettings;
import io.confman.raft.start.RaftNodes;
import io.confman.web.ApiKey;
import io.confman.web.BlobSettings;
import io.confman.web.WebSettings;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import io.helidon.config.spi.ConfigSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reads a node's configuration and turns it into validated settings.
 *
 * <p>Sources, highest precedence first: explicit overrides (command-line flags), {@code CONFMAN_*}
 * environment variables, the {@code --config} files (a later file wins over an earlier one), and
 * the embedded defaults ({@code confman-defaults.yaml}), which name every key. Environment names
 * are the key in upper snake case: {@code raft.electionTimeoutMinMillis} is
 * {@code CONFMAN_RAFT_ELECTION_TIMEOUT_MIN_MILLIS}.
 */
public final class NodeConfig {
    static final String DEFAULTS_RESOURCE = "confman-defaults.yaml";
    static final String LOCAL_CLUSTER_RESOURCE = "local-cluster.yaml";
    static final String ENV_PREFIX = "CONFMAN_";

    private NodeConfig() {
    }

    /**
     * Loads configuration.
     *
     * @param files         YAML files in increasing precedence
     * @param localCluster  whether to layer the embedded three-node local cluster over the defaults
     * @param environment   the process environment (only {@code CONFMAN_*} names are read)
     * @param overrides     key/value pairs that win over everything
     */
    public static Config load(List<Path> files, boolean localCluster, Map<String, String> environment,
                              Map<String, String> overrides) {
        Config defaults = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .sources(resource(DEFAULTS_RESOURCE)).build();
        List<Supplier<? extends ConfigSource>> sources = new ArrayList<>();
        sources.add(ConfigSources.create(overrides).name("command line"));
        sources.add(ConfigSources.create(fromEnvironment(defaults, environment)).name("environment"));
        for (int i = files.size() - 1; i >= 0; i--) {
            Path file = files.get(i);
            if (!Files.isRegularFile(file)) {
                throw new ConfigProblem("config file " + file + " does not exist");
            }
            sources.add(ConfigSources.file(file));
        }
        sources.add(resource(DEFAULTS_RESOURCE));
        Config config = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .sources(sources).build();
        if (!localCluster) {
            return config;
        }
        // The embedded local cluster's members are reached over HTTPS when TLS is on: the same
        // list, its URLs' scheme following tls.enabled.
        boolean tls = config.get("tls.enabled").asBoolean().orElse(false);
        sources.add(sources.size() - 1, tls ? localClusterOverHttps() : resource(LOCAL_CLUSTER_RESOURCE));
        return Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .sources(sources).build();
    }

    private static Supplier<ConfigSource> resource(String name) {
        return () -> ConfigSources.create(resourceText(name), MediaTypes.APPLICATION_X_YAML);
    }

    private static Supplier<ConfigSource> localClusterOverHttps() {
        return () -> ConfigSources.create(resourceText(LOCAL_CLUSTER_RESOURCE).replace("url: \"http://", "url: \"https://"),
                MediaTypes.APPLICATION_X_YAML);
    }

    private static String resourceText(String name) {
        try (InputStream in = NodeConfig.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("embedded resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Maps {@code CONFMAN_*} variables onto the keys the defaults define. */
    static Map<String, String> fromEnvironment(Config defaults, Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        defaults.traverse().filter(Config::isLeaf).forEach(node -> {
            String key = node.key().toString();
            String value = environment.get(environmentName(key));
            if (value != null) {
                values.put(key, value);
            }
        });
        return values;
    }

    /** {@code raft.electionTimeoutMinMillis} → {@code CONFMAN_RAFT_ELECTION_TIMEOUT_MIN_MILLIS}. */
    static String environmentName(String key) {
        String snake = key.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        return ENV_PREFIX + snake.toUpperCase(Locale.ROOT);
    }

    /**
     * Bytes an inline value may take in a log entry per byte of the value: JSON escapes a control
     * character as a six-character escape.
     */
    static final long JSON_BYTES_PER_VALUE_BYTE = 6;
    /** Room in a log entry for everything but the value: envelope, names, type, actor, framing. */
    static final long ENTRY_OVERHEAD_BYTES = 64 * 1024;

    /** The node's settings; every problem found is reported at once as a {@link ConfigProblem}. */
    public static NodeSettings settings(Config config) {
        try {
            Optional<NodeSettings.TlsFiles> tls = tlsFiles(config.get("tls"));
            List<Member> members = members(config.get("cluster.members"), tls.isPresent() ? "https" : "http");
            Path dataDir = Path.of(config.get("node.dataDir").asString().get()).toAbsolutePath().normalize();
            RaftSettings raft = new RaftSettings(
                    config.get("node.id").asString().get(),
                    UUID.fromString(config.get("cluster.groupId").asString().get()),
                    members,
                    dataDir.resolve("raft"),
                    config.get("raft.electionTimeoutMinMillis").asLong().get(),
                    config.get("raft.electionTimeoutMaxMillis").asLong().get(),
                    config.get("raft.requestTimeoutMillis").asLong().get(),
                    config.get("raft.snapshotBudgetMillis").asLong().get(),
                    config.get("raft.snapshotInterval").asLong().get(),
                    config.get("raft.logSegmentSizeBytes").asLong().get(),
                    config.get("raft.maxProposalsInFlight").asInt().get(),
                    ratisProperties(config.get("raft.ratis").asString().orElse("")),
                    initialState(config.get("cluster.initialState").asString().orElse("existing")));
            String token = config.get("cluster.token").asString().orElse("");
            List<String> problems = new ArrayList<>(raft.problems());
            if (members.size() > 1 && token.isBlank()) {
                problems.add("cluster.token is empty: set a shared secret (CONFMAN_CLUSTER_TOKEN) on every member");
            }
            BlobSettings blob = blobSettings(config.get("blob"));
            // A blob is unreferenced from its durable write until its pointer commits: up to the
            // quorum push and the Raft write; the collector must not take it meanwhile.
            long uncommittedMillis = blob.quorumTimeout().toMillis() + raft.requestTimeoutMillis();
            if (blob.gcSafetyWindow().toMillis() <= uncommittedMillis) {
                problems.add("blob.gcSafetyWindowMillis (" + blob.gcSafetyWindow().toMillis() + ") must exceed"
                        + " blob.quorumTimeoutMillis + raft.requestTimeoutMillis (" + uncommittedMillis + "): a value"
                        + " still being committed could be collected");
            }
            long largestInlineEntry = JSON_BYTES_PER_VALUE_BYTE * blob.inlineThresholdBytes() + ENTRY_OVERHEAD_BYTES;
            // The Raft properties need valid Raft settings (this node among the members) to be built.
            long entryLimit = raft.problems().isEmpty() ? RaftNodes.largestEntryBytes(raft) : Long.MAX_VALUE;
            if (largestInlineEntry > entryLimit) {
                problems.add("blob.inlineThresholdBytes (" + blob.inlineThresholdBytes() + ") lets one Raft log entry"
                        + " reach " + largestInlineEntry + " bytes (" + JSON_BYTES_PER_VALUE_BYTE + " per value byte"
                        + " escaped, plus " + ENTRY_OVERHEAD_BYTES + "), above the " + entryLimit + " bytes one append"
                        + " can carry (raft.server.log.appender.buffer.byte-limit, raft.grpc.message.size.max):"
                        + " lower the threshold or raise both limits in raft.ratis");
            }
            if (!problems.isEmpty()) {
                throw new ConfigProblem(String.join("; ", problems));
            }
            Member self = raft.self();
            String host = config.get("http.host").asString().filter(h -> !h.isBlank())
                    .orElse(self.httpUrl().getHost());
            WebSettings web = new WebSettings(host, self.httpPort(),
                    config.get("http.maxPayloadBytes").asLong().get(),
                    config.get("http.maxTcpConnections").asInt().get(),
                    config.get("http.maxConcurrentRequests").asInt().get(),
                    config.get("http.idleTimeoutMillis").asLong().get(),
                    config.get("http.maxWatchers").asInt().get(),
                    config.get("http.watchQueueEvents").asInt().get(),
                    config.get("http.watchHeartbeatMillis").asLong().get());
            return new NodeSettings(raft, web, dataDir, token, apiKeys(config.get("auth.apiKeys")),
                    blob, config.get("raft.auditEventsPerNamespace").asInt().get(), tls);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new ConfigProblem("invalid configuration: " + e.getMessage());
        }
    }

    /** {@code cluster.initialState}: {@code new} or {@code existing}. */
    static RaftSettings.InitialState initialState(String value) {
        for (RaftSettings.InitialState state : RaftSettings.InitialState.values()) {
            if (state.wireName().equals(value.trim())) {
                return state;
            }
        }
        throw new ConfigProblem("cluster.initialState must be \"new\" (the first start of a brand-new cluster) or"
                + " \"existing\" (is \"" + value + "\")");
    }

    /** {@code raft.ratis}: "key=value" pairs separated by whitespace or commas. */
    static Map<String, String> ratisProperties(String pairs) {
        Map<String, String> properties = new HashMap<>();
        for (String pair : pairs.trim().split("[\\s,]+")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new ConfigProblem("raft.ratis entry '" + pair + "' must be key=value, e.g."
                        + " raft.server.log.appender.wait-time.min=2ms");
            }
            properties.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return properties;
    }

    private static List<ApiKey> apiKeys(Config list) {
        List<ApiKey> keys = new ArrayList<>();
        for (Config k : list.asNodeList().orElse(List.of())) {
            String name = k.get("name").asString().get();
            String secret = k.get("key").asString().get();
            if (secret.isBlank()) {
                throw new ConfigProblem("auth.apiKeys entry '" + name + "' has an empty key");
            }
            keys.add(new ApiKey(name, secret, k.get("roles").asList(String.class).orElse(List.of()),
                    k.get("namespaces").asList(String.class).orElse(null)));
        }
        return keys;
    }

    private static BlobSettings blobSettings(Config blob) {
        return new BlobSettings(
                blob.get("inlineThresholdBytes").asLong().get(),
                blob.get("maxSizeBytes").asLong().get(),
                Duration.ofMillis(blob.get("quorumTimeoutMillis").asLong().get()),
                Duration.ofMillis(blob.get("gcSafetyWindowMillis").asLong().get()),
                Duration.ofMillis(blob.get("gcIntervalMillis").asLong().get()),
                Duration.ofMillis(blob.get("reconcileIntervalMillis").asLong().get()),
                blob.get("reserveFreeBytes").asLong().get(),
                blob.get("maxConcurrentUploads").asInt().get(),
                Duration.ofMillis(blob.get("uploadExpiryMillis").asLong().get()));
    }

    /** {@code tls.*}: the three files when {@code tls.enabled}, each required then. */
    static Optional<NodeSettings.TlsFiles> tlsFiles(Config tls) {
        if (!tls.get("enabled").asBoolean().orElse(false)) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        Map<String, Path> files = new HashMap<>();
        for (String key : List.of("certificate", "privateKey", "ca")) {
            String value = tls.get(key).asString().orElse("").strip();
            if (value.isEmpty()) {
                missing.add("tls." + key);
            } else {
                files.put(key, Path.of(value).toAbsolutePath().normalize());
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigProblem("tls.enabled is true but " + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " not set: name the PEM files of this node's"
                    + " certificate, its private key and the cluster CA");
        }
        return Optional.of(new NodeSettings.TlsFiles(files.get("certificate"), files.get("privateKey"), files.get("ca")));
    }

    private static List<Member> members(Config list, String scheme) {
        List<Member> members = new ArrayList<>();
        for (Config m : list.asNodeList().orElse(List.of())) {
            String id = m.get("id").asString().get();
            if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new ConfigProblem("cluster.members id '" + id + "' must be 1-64 letters, digits, '-' or '_'");
            }
            URI url = URI.create(m.get("url").asString().get());
            if (!scheme.equals(url.getScheme()) || url.getHost() == null) {
                throw new ConfigProblem("cluster.members url '" + url + "' of " + id + " must be " + scheme + "://host:port/"
                        + ("https".equals(scheme) ? " (tls.enabled is true)" : " (https:// needs tls.enabled)"));
            }
            String raftAddress = m.get("raftAddress").asString().get();
            int colon = raftAddress.lastIndexOf(':');
            if (colon <= 0) {
                throw new ConfigProblem("cluster.members raftAddress '" + raftAddress + "' of " + id + " must be host:port");
            }
            members.add(new Member(id, url, raftAddress.substring(0, colon),
                    Integer.parseInt(raftAddress.substring(colon + 1))));
        }
        return members;
    }

    /** A configuration the node refuses to start with; the message says what to change. */
    public static final class ConfigProblem extends RuntimeException {
        public ConfigProblem(String message) {
            super(message);
        }
    }
}
