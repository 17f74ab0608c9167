package io.confman.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.raft.node.RaftSettings;
import io.helidon.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration loading and validation without starting anything: defaults, precedence of files,
 * environment and flags, and the one-line refusals for unusable settings.
 */
class NodeConfigTest {
    @TempDir
    Path dir;

    @Test
    void environmentNamesAreUpperSnakeCaseOfTheKey() {
        assertEquals("CONFMAN_RAFT_ELECTION_TIMEOUT_MIN_MILLIS", NodeConfig.environmentName("raft.electionTimeoutMinMillis"));
        assertEquals("CONFMAN_NODE_ID", NodeConfig.environmentName("node.id"));
        assertEquals("CONFMAN_NODE_DATA_DIR", NodeConfig.environmentName("node.dataDir"));
    }

    @Test
    void localClusterDefaultsGiveThreeMembersAndTheDocumentedTimings() {
        NodeSettings s = NodeConfig.settings(NodeConfig.load(List.of(), true, Map.of(), Map.of("node.id", "node2")));
        assertEquals(3, s.raft().members().size());
        assertEquals("node2", s.raft().nodeId());
        assertEquals(6200, s.web().port());
        assertEquals("127.0.0.1", s.web().host());
        assertEquals(1000, s.raft().electionTimeoutMinMillis());
        assertEquals(3000, s.raft().electionTimeoutMaxMillis());
        assertEquals(10_000, s.raft().requestTimeoutMillis());
        assertEquals(100, s.raft().snapshotBudgetMillis());
        assertEquals(10_000, s.raft().snapshotIntervalEntries());
        assertEquals(2, s.raft().maxProposalsInFlight());
        assertEquals(Map.of(), s.raft().ratisProperties());
    }

    @Test
    void anApiKeyWithAnEmptyNamespaceListIsRefusedAndOneWithoutNamespacesMayTouchAll() throws IOException {
        Path empty = Files.writeString(dir.resolve("keys-empty.yaml"), """
                auth:
                  apiKeys:
                    - name: "nobody"
                      key: "k1"
                      roles: ["viewer"]
                      namespaces: []
                """);
        var e = assertThrows(NodeConfig.ConfigProblem.class,
                () -> NodeConfig.settings(NodeConfig.load(List.of(empty), true, Map.of(), Map.of())));
        assertTrue(e.getMessage().contains("API key 'nobody' lists no namespaces"), e.getMessage());

        Path absent = Files.writeString(dir.resolve("keys-absent.yaml"), """
                auth:
                  apiKeys:
                    - name: "everyone"
                      key: "k2"
                      roles: ["viewer"]
                """);
        NodeSettings s = NodeConfig.settings(NodeConfig.load(List.of(absent), true, Map.of(), Map.of()));
        assertEquals(List.of("*"), s.apiKeys().stream().filter(k -> k.name().equals("everyone")).findFirst()
                .orElseThrow().namespaces());
    }

    @Test
    void everyKeyOfTheEmbeddedDefaultsIsInTheReadmeSettingsTable() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Config defaults = NodeConfig.load(List.of(), false, Map.of(), Map.of());
        List<String> keys = defaults.traverse()
                .filter(node -> node.type() == Config.Type.VALUE || node.type() == Config.Type.LIST)
                .filter(node -> node.key().parent().isRoot() || defaults.get(node.key().parent().toString()).type()
                        == Config.Type.OBJECT)
                .map(node -> node.key().toString())
                .toList();
        assertTrue(keys.contains("raft.ratis") && keys.contains("raft.maxProposalsInFlight"), keys.toString());
        List<String> missing = keys.stream().filter(key -> !readme.contains("| `" + key + "` |")).toList();
        assertEquals(List.of(), missing, "keys of confman-defaults.yaml missing from README.md's settings table");
    }

    @Test
    void emptyStorageJoinsAsANonVoterUnlessTheClusterIsNewAndAnyOtherStateIsRefused() {
        assertEquals(RaftSettings.InitialState.EXISTING, NodeConfig.settings(NodeConfig.load(List.of(), true, Map.of(),
                Map.of())).raft().initialState());
        assertEquals(RaftSettings.InitialState.NEW, NodeConfig.settings(NodeConfig.load(List.of(), true,
                Map.of("CONFMAN_CLUSTER_INITIAL_STATE", "new"), Map.of())).raft().initialState());
        var e = assertThrows(NodeConfig.ConfigProblem.class, () -> NodeConfig.settings(NodeConfig.load(List.of(), true,
                Map.of(), Map.of("cluster.initialState", "bootstrap"))));
        assertTrue(e.getMessage().contains("cluster.initialState must be \"new\""), e.getMessage());
    }

    @Test
    void aGcSafetyWindowShorterThanAWriteCanTakeIsRefused() {
        var e = assertThrows(NodeConfig.ConfigProblem.class, () -> NodeConfig.settings(NodeConfig.load(List.of(), true,
                Map.of("CONFMAN_BLOB_GC_SAFETY_WINDOW_MILLIS", "130000"), Map.of())));
        assertTrue(e.getMessage().contains("blob.gcSafetyWindowMillis (130000) must exceed blob.quorumTimeoutMillis"
                + " + raft.requestTimeoutMillis (130000)"), e.getMessage());
        assertEquals(130_001, NodeConfig.settings(NodeConfig.load(List.of(), true,
                Map.of("CONFMAN_BLOB_GC_SAFETY_WINDOW_MILLIS", "130001"), Map.of())).blob().gcSafetyWindow().toMillis());
    }

    @Test
    void anInlineThresholdWhoseEntriesRaftCannotAppendIsRefusedInOneLine() {
        var e = assertThrows(NodeConfig.ConfigProblem.class, () -> NodeConfig.settings(NodeConfig.load(List.of(), true,
                Map.of("CONFMAN_BLOB_INLINE_THRESHOLD_BYTES", "1048576"), Map.of())));
        assertTrue(e.getMessage().contains("blob.inlineThresholdBytes (1048576) lets one Raft log entry reach 6356992"
                + " bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("above the 4194304 bytes one append can carry"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        var lowered = assertThrows(NodeConfig.ConfigProblem.class, () -> NodeConfig.settings(NodeConfig.load(List.of(),
                true, Map.of("CONFMAN_RAFT_RATIS", "raft.grpc.message.size.max=256KB"), Map.of())));
        assertTrue(lowered.getMessage().contains("above the 262144 bytes"), lowered.getMessage());
        assertEquals(65_536, NodeConfig.settings(NodeConfig.load(List.of(), true, Map.of(), Map.of()))
                .blob().inlineThresholdBytes(), "the defaults pass");
        assertEquals(700_000, NodeConfig.settings(NodeConfig.load(List.of(), true,
                Map.of("CONFMAN_BLOB_INLINE_THRESHOLD_BYTES", "700000",
                        "CONFMAN_RAFT_RATIS", "raft.server.log.appender.buffer.byte-limit=8MB"), Map.of()))
                .blob().inlineThresholdBytes(), "a larger threshold passes with a larger append limit");
    }

    @Test
    void ratisPropertiesPassThroughFromFilesAndTheEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("r.yaml"),
                "raft:\n  ratis: \"raft.server.log.appender.wait-time.min=2ms, raft.server.log.force.sync.num=64\"\n");
        NodeSettings fromFile = NodeConfig.settings(NodeConfig.load(List.of(file), true, Map.of(), Map.of()));
        assertEquals(Map.of("raft.server.log.appender.wait-time.min", "2ms", "raft.server.log.force.sync.num", "64"),
                fromFile.raft().ratisProperties());
        NodeSettings fromEnv = NodeConfig.settings(NodeConfig.load(List.of(file), true,
                Map.of("CONFMAN_RAFT_RATIS", "raft.server.log.log-metadata.enabled=true"), Map.of()));
        assertEquals(Map.of("raft.server.log.log-metadata.enabled", "true"), fromEnv.raft().ratisProperties());
    }

    @Test
    void aRatisPropertyThatIsNotKeyEqualsValueOrNotRatisIsRefused() {
        var malformed = assertThrows(NodeConfig.ConfigProblem.class, () -> NodeConfig.settings(NodeConfig.load(
                List.of(), true, Map.of("CONFMAN_RAFT_RATIS", "raft.server.log.force.sync.num"), Map.of())));
        assertTrue(malformed.getMessage().contains("must be key=value"), malformed.getMessage());
        var foreign = assertThrows(NodeConfig.ConfigProblem.class, () -> NodeConfig.settings(NodeConfig.load(
                List.of(), true, Map.of("CONFMAN_RAFT_RATIS", "server.port=1"), Map.of())));
        assertTrue(foreign.getMessage().contains("'server.port' is not a Ratis property"), foreign.getMessage());
        var zero = assertThrows(NodeConfig.ConfigProblem.class, () -> NodeConfig.settings(NodeConfig.load(
                List.of(), true, Map.of("CONFMAN_RAFT_MAX_PROPOSALS_IN_FLIGHT", "0"), Map.of())));
        assertTrue(zero.getMessage().contains("raft.maxProposalsInFlight must be at least 1"), zero.getMessage());
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsFilesWhereTheLaterFileWins() throws IOException {
        Path first = Files.writeString(dir.resolve("a.yaml"), "raft:\n  snapshotInterval: 10\n  requestTimeoutMillis: 20000\n");
        Path second = Files.writeString(dir.resolve("b.yaml"), "raft:\n  snapshotInterval: 20\n");
        var env = Map.of("CONFMAN_RAFT_REQUEST_TIMEOUT_MILLIS", "30000", "CONFMAN_NODE_ID", "node3", "OTHER", "x");
        NodeSettings s = NodeConfig.settings(NodeConfig.load(List.of(first, second), true, env, Map.of("node.id", "node1")));
        assertEquals(20, s.raft().snapshotIntervalEntries());
        assertEquals(30_000, s.raft().requestTimeoutMillis());
        assertEquals("node1", s.raft().nodeId());
    }

    @Test
    void timingInvariantViolationNamesEveryKeyInvolved() {
        var e = assertThrows(NodeConfig.ConfigProblem.class, () -> NodeConfig.settings(NodeConfig.load(
                List.of(), true, Map.of("CONFMAN_RAFT_ELECTION_TIMEOUT_MAX_MILLIS", "900"), Map.of())));
        assertTrue(e.getMessage().contains("raft.electionTimeoutMinMillis (1000) < raft.electionTimeoutMaxMillis (900)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("raft.requestTimeoutMillis"), e.getMessage());
    }

    @Test
    void anIdleTimeoutTooShortForHealthyClientsIsRefusedNamingTheKey() {
        var e = assertThrows(NodeConfig.ConfigProblem.class, () -> NodeConfig.settings(NodeConfig.load(
                List.of(), true, Map.of("CONFMAN_HTTP_IDLE_TIMEOUT_MILLIS", "10"), Map.of())));
        assertTrue(e.getMessage().contains("http.idleTimeoutMillis must be at least 1000 (was 10)"), e.getMessage());
        assertEquals(60_000, NodeConfig.settings(NodeConfig.load(List.of(), true, Map.of(), Map.of()))
                .web().idleTimeoutMillis());
    }

    @Test
    void duplicateAddressesAndMissingTokenAreRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("dup.yaml"), """
                cluster:
                  token: ""
                  members:
                    - id: "a"
                      url: "http://127.0.0.1:6100/"
                      raftAddress: "127.0.0.1:7100"
                    - id: "b"
                      url: "http://127.0.0.1:6100/"
                      raftAddress: "127.0.0.1:7100"
                node:
                  id: "a"
                """);
        var e = assertThrows(NodeConfig.ConfigProblem.class,
                () -> NodeConfig.settings(NodeConfig.load(List.of(file), false, Map.of(), Map.of())));
        assertTrue(e.getMessage().contains("raft address 127.0.0.1:7100 twice"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP address 127.0.0.1:6100 twice"), e.getMessage());
        assertTrue(e.getMessage().contains("cluster.token is empty"), e.getMessage());
    }

    @Test
    void missingConfigFileIsRefused() {
        var e = assertThrows(NodeConfig.ConfigProblem.class,
                () -> NodeConfig.load(List.of(dir.resolve("nope.yaml")), false, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("does not exist"));
    }

    @Test
    void withTlsTheLocalClusterIsHttpsAndEveryFileIsRequired() {
        Map<String, String> tls = Map.of("tls.enabled", "true", "tls.certificate", "n.pem", "tls.privateKey", "n-key.pem",
                "tls.ca", "ca.pem");
        NodeSettings s = NodeConfig.settings(NodeConfig.load(List.of(), true, Map.of(), tls));
        assertTrue(s.raft().members().stream().allMatch(m -> m.httpUrl().getScheme().equals("https")),
                s.raft().members().toString());
        assertEquals(Path.of("ca.pem").toAbsolutePath(), s.tls().orElseThrow().ca());
        assertTrue(NodeConfig.settings(NodeConfig.load(List.of(), true, Map.of(), Map.of())).tls().isEmpty());
        var missing = assertThrows(NodeConfig.ConfigProblem.class, () -> NodeConfig.settings(NodeConfig.load(List.of(),
                true, Map.of("CONFMAN_TLS_ENABLED", "true", "CONFMAN_TLS_CA", "ca.pem"), Map.of())));
        assertEquals("tls.enabled is true but tls.certificate, tls.privateKey are not set: name the PEM files of this"
                + " node's certificate, its private key and the cluster CA", missing.getMessage());
    }

    @Test
    void aMemberUrlWhoseSchemeDoesNotMatchTlsIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.yaml"), """
                cluster:
                  members:
                    - id: "a"
                      url: "http://127.0.0.1:6100/"
                      raftAddress: "127.0.0.1:7100"
                node:
                  id: "a"
                tls:
                  enabled: true
                  certificate: "a.pem"
                  privateKey: "a-key.pem"
                  ca: "ca.pem"
                """);
        var e = assertThrows(NodeConfig.ConfigProblem.class,
                () -> NodeConfig.settings(NodeConfig.load(List.of(file), false, Map.of(), Map.of())));
        assertEquals("cluster.members url 'http://127.0.0.1:6100/' of a must be https://host:port/ (tls.enabled is"
                + " true)", e.getMessage());
    }
}
