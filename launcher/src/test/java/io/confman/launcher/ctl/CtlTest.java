package io.confman.launcher.ctl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confman.launcher.testkit.LocalCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code confman ctl} against one real three-node cluster on 127.0.0.1, run in-process through
 * {@link Ctl#run} with captured stdout and stderr: every command's output and the exit code of
 * each kind of failure (usage 1, unreachable 2, bad key 3, missing key 4, stale cas 5), a file
 * streamed as a blob value and read back byte for byte, the endpoint fallback, endpoints and key
 * from the environment, the status table and a watch that prints committed changes. Values of
 * 1 KiB or more are blobs on this cluster. Each test uses its own namespace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class CtlTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalCluster cluster;
    private String endpoints;

    @BeforeAll
    @Timeout(120)
    void startCluster() {
        cluster = LocalCluster.start(3, Map.of("blob.inlineThresholdBytes", "1024"));
        cluster.awaitLeader(Duration.ofSeconds(60));
        endpoints = cluster.nodes().stream().map(LocalCluster.Node::baseUrl).collect(Collectors.joining(","));
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** What one run printed and how it ended. */
    record Run(int exitCode, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = Ctl.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(exitCode, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** A run with the cluster's endpoints and the admin key given as flags. */
    private Run ctl(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoints", endpoints, "--api-key", LocalCluster.ADMIN_KEY));
        return run(Map.of(), all.toArray(String[]::new));
    }

    private static void assertFails(Run run, int exitCode, String inMessage) {
        assertEquals(exitCode, run.exitCode(), run.stderr());
        assertTrue(run.stderr().startsWith("confman ctl: ") && run.stderr().contains(inMessage), run.stderr());
        assertEquals(1, run.stderr().lines().count(), "one line on stderr: " + run.stderr());
    }

    @Test
    void putThenGetPrintsTheValueAndLsListsTheKey() {
        Run put = ctl("put", "ctl-basic/feature", "on");
        assertEquals(0, put.exitCode(), put.stderr());
        assertTrue(put.out().startsWith("OK ctl-basic/feature version 1 revision "), put.out());
        assertEquals("on", ctl("get", "ctl-basic/feature").out());
        JsonNode entry = json(ctl("get", "ctl-basic/feature", "-o", "json"));
        assertEquals("string", entry.get("type").asText());
        assertEquals(1, entry.get("version").asInt());

        ctl("put", "ctl-basic/limit", "42", "--type", "number");
        Run keys = ctl("ls", "ctl-basic");
        assertEquals(0, keys.exitCode(), keys.stderr());
        List<String> lines = keys.out().lines().toList();
        assertTrue(lines.getFirst().startsWith("KEY"), keys.out());
        assertEquals(List.of("feature", "limit"), lines.stream().skip(1).map(l -> l.split(" +")[0]).sorted().toList());
        assertTrue(json(ctl("ls", "-o", "json")).isArray());
    }

    @Test
    void aFileIsStreamedAsABlobValueAndReadBackByteForByte(@TempDir Path dir) throws IOException {
        byte[] bytes = new byte[64 * 1024];
        new Random(11).nextBytes(bytes);
        Path file = Files.write(dir.resolve("model.bin"), bytes);

        Run put = ctl("put", "ctl-blob/model", "--file", file.toString());
        assertEquals(0, put.exitCode(), put.stderr());
        assertArrayEquals(bytes, ctl("get", "ctl-blob/model").stdout());
        JsonNode entry = json(ctl("get", "ctl-blob/model", "-o", "json"));
        assertEquals(bytes.length, entry.get("blob").get("size").asLong());
        assertEquals("application/octet-stream", entry.get("blob").get("contentType").asText());
    }

    @Test
    void casWritesOnlyAtTheGivenVersionAndExitsFiveWhenStale() {
        ctl("put", "ctl-cas/k", "one");
        Run swapped = ctl("cas", "ctl-cas/k", "two", "--if-version", "1");
        assertEquals(0, swapped.exitCode(), swapped.stderr());
        assertTrue(swapped.out().contains("version 2"), swapped.out());

        assertFails(ctl("cas", "ctl-cas/k", "three", "--if-version", "1"), Ctl.PRECONDITION_FAILED, "412");
        assertEquals("two", ctl("get", "ctl-cas/k").out());

        String revision = json(ctl("get", "ctl-cas/k", "-o", "json")).get("revision").asText();
        assertEquals(0, ctl("cas", "ctl-cas/k", "four", "--if-version", "r" + revision).exitCode());
        assertEquals("four", ctl("get", "ctl-cas/k").out());
    }

    @Test
    void delRemovesTheKeyAndAMissingKeyExitsFour() {
        ctl("put", "ctl-del/k", "v");
        Run deleted = ctl("del", "ctl-del/k");
        assertEquals(0, deleted.exitCode(), deleted.stderr());
        assertEquals("deleted ctl-del/k\n", deleted.out());

        assertFails(ctl("get", "ctl-del/k"), Ctl.NOT_FOUND, "404");
        assertFails(ctl("del", "ctl-del/k"), Ctl.NOT_FOUND, "404");
    }

    @Test
    void anUnknownKeyExitsThreeAndSoDoesAWriteWithAReaderKey() {
        assertFails(run(Map.of(), "get", "ctl-auth/k", "--endpoints", endpoints, "--api-key", "wrong"),
                Ctl.UNAUTHORIZED, "401");
        assertFails(run(Map.of(), "put", "ctl-auth/k", "v", "--endpoints", endpoints, "--api-key", LocalCluster.READER_KEY),
                Ctl.UNAUTHORIZED, "403");
    }

    @Test
    void unreachableEndpointsExitTwoAndADeadFirstEndpointIsSkipped() {
        String dead = "http://127.0.0.1:" + LocalCluster.freePort();
        assertFails(run(Map.of(), "get", "ctl-reach/k", "--endpoints", dead), Ctl.UNREACHABLE, "no reachable endpoint");
        assertFails(run(Map.of(), "status", "--endpoints", dead), Ctl.UNREACHABLE, "no reachable endpoint");

        Run put = run(Map.of(), "put", "ctl-reach/k", "v", "--endpoints", dead + "," + endpoints,
                "--api-key", LocalCluster.ADMIN_KEY);
        assertEquals(0, put.exitCode(), put.stderr());
    }

    @Test
    void endpointsAndKeyComeFromTheEnvironmentWhenNotGiven() {
        Map<String, String> env = Map.of(Ctl.ENDPOINTS_ENV, endpoints, Ctl.API_KEY_ENV, LocalCluster.ADMIN_KEY);
        assertEquals(0, run(env, "put", "ctl-env/k", "from-env").exitCode());
        assertEquals("from-env", run(env, "get", "ctl-env/k").out());
        assertFails(run(env, "get", "ctl-env/k", "--api-key", "wrong"), Ctl.UNAUTHORIZED, "401");
    }

    @Test
    void usageErrorsExitOne() {
        assertFails(ctl("get", "no-slash"), Ctl.USAGE, "is not NS/KEY");
        assertFails(ctl("put", "ctl-usage/k"), Ctl.USAGE, "VALUE or --file");
        assertFails(ctl("cas", "ctl-usage/k", "v"), Ctl.USAGE, "--if-version");
        assertFails(ctl("frobnicate"), Ctl.USAGE, "frobnicate");
    }

    @Test
    void statusPrintsEveryNodeAndExactlyOneLeader() {
        Run status = ctl("status");
        assertEquals(0, status.exitCode(), status.stderr());
        List<String> lines = status.out().lines().toList();
        assertEquals("ENDPOINT", lines.getFirst().split(" +")[0]);
        assertEquals(4, lines.size(), status.out());
        assertEquals(1, lines.stream().filter(l -> l.split(" +")[2].equals("leader")).count(), status.out());
        for (LocalCluster.Node node : cluster.nodes()) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(node.baseUrl()) && l.contains(" " + node.id() + " ")
                    && l.endsWith("yes")), status.out());
        }
    }

    @Test
    void auditListsTheWritesNewestFirst() {
        ctl("put", "ctl-audit/k", "a");
        ctl("put", "ctl-audit/k", "b");
        Run audit = ctl("audit", "ctl-audit");
        assertEquals(0, audit.exitCode(), audit.stderr());
        List<String> actions = audit.out().lines().skip(1).map(l -> l.split(" +")[2]).toList();
        assertEquals(List.of("config.updated", "config.created"), actions);
    }

    @Test
    void watchPrintsTheChangesCommittedFromItsStart() throws Exception {
        Run first = ctl("put", "ctl-watch/k", "one");
        String revision = first.out().split(" ")[5].strip();
        CompletableFuture<Run> watch = CompletableFuture.supplyAsync(() -> ctl("watch", "ctl-watch",
                "--from-revision", revision, "--max-events", "2"));
        Thread.sleep(300);
        ctl("put", "ctl-watch/k", "two");

        Run watched = watch.get(40, TimeUnit.SECONDS);
        assertEquals(0, watched.exitCode(), watched.stderr());
        List<String> lines = watched.out().lines().toList();
        assertEquals(2, lines.size(), watched.out());
        assertEquals(revision + " config.created ctl-watch/k version 1", lines.get(0));
        assertTrue(lines.get(1).endsWith(" config.updated ctl-watch/k version 2"), lines.get(1));
    }

    @Test
    void watchEndsAtItsTimeoutWhenNothingChanges() {
        long start = System.nanoTime();
        Run watched = ctl("watch", "ctl-quiet", "--timeout", "1", "-o", "json");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertEquals(0, watched.exitCode(), watched.stderr());
        assertEquals("", watched.out());
        assertTrue(seconds < 10, "ended after " + seconds + " s");
    }

    private static JsonNode json(Run run) {
        assertEquals(0, run.exitCode(), run.stderr());
        try {
            return JSON.readTree(run.stdout());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + run.out(), e);
        }
    }
}
