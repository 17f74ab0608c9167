package io.confman.launcher.ctl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confman.codec.backup.BackupReader;
import io.confman.codec.backup.BackupRecord;
import io.confman.launcher.testkit.LocalCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration path of docs/MIGRATION.md on real three-node clusters, step by step: a generated
 * git-style tree of JSON files (a 3 MiB file among them) imported with {@code ctl import}, every
 * value read back byte for byte, a second import that writes nothing; then {@code ctl backup} of
 * the old cluster while a writer keeps writing (the file holds exactly the writes up to its
 * revision), the old cluster stopped, a new empty one started, {@code ctl restore} into it, and
 * every namespace, key and value (the 3 MiB raw blob byte for byte) compared. A damaged file and a
 * non-empty cluster are refused. Values of 1 KiB or more are blobs on these clusters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class CutoverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SETTINGS = Map.of("blob.inlineThresholdBytes", "1024");
    private static final Pattern REVISION = Pattern.compile("revision (\\d+)");

    @TempDir
    static Path work;

    private LocalCluster cluster;
    private CtlRunner ctl;
    /** Every file of the generated tree, by "NS/KEY". */
    private final Map<String, Path> tree = new TreeMap<>();
    private final byte[] rawBlob = randomBytes(3 * 1024 * 1024 + 17);

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private void startCluster() {
        if (cluster != null) {
            cluster.close();
        }
        cluster = LocalCluster.start(3, SETTINGS);
        cluster.awaitLeader(Duration.ofSeconds(60));
        ctl = CtlRunner.of(cluster);
    }

    @Test
    @Order(1)
    void importWritesEveryFileOfTheTreeAndEveryValueReadsBackByteForByte() throws IOException {
        startCluster();
        Path dir = generateTree(work.resolve("config-repo"));
        CtlRunner.Result imported = ctl.run("import", dir.toString()).exits(0);
        assertTrue(imported.out().contains(tree.size() + " files into 3 namespaces (3 created); keys created "
                + tree.size() + ", updated 0, unchanged 0"), imported.out());
        for (Map.Entry<String, Path> file : tree.entrySet()) {
            assertArrayEquals(Files.readAllBytes(file.getValue()), ctl.run("get", file.getKey()).exits(0).stdout(),
                    file.getKey());
        }
        assertEquals("json", entry("payments/eu.limits").get("type").asText());
        JsonNode big = entry("catalog/products.all");
        assertEquals("blob", big.get("type").asText());
        assertEquals("application/json", big.get("blob").get("contentType").asText());
    }

    @Test
    @Order(2)
    void aSecondImportOfTheSameTreeWritesNothingAndAChangedFileIsUpdated() throws IOException {
        Path dir = work.resolve("config-repo");
        String revisionBefore = entry("payments/eu.limits").get("revision").asText();
        CtlRunner.Result again = ctl.run("import", dir.toString()).exits(0);
        assertTrue(again.out().contains("keys created 0, updated 0, unchanged " + tree.size() + "; 0 bytes written"),
                again.out());
        assertEquals(revisionBefore, entry("payments/eu.limits").get("revision").asText());

        Files.writeString(dir.resolve("payments/eu/limits.json"), "{\"daily\": 5000}");
        assertTrue(ctl.run("import", dir.toString()).exits(0).out().contains("updated 1, unchanged " + (tree.size() - 1)));
        assertEquals("{\"daily\": 5000}", ctl.run("get", "payments/eu.limits").out());
    }

    @Test
    @Order(3)
    void aTreeWithABadFileIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path bad = work.resolve("bad-repo");
        Files.createDirectories(bad.resolve("fresh"));
        Files.writeString(bad.resolve("fresh/good.json"), "{\"a\": 1}");
        Files.writeString(bad.resolve("fresh/broken.json"), "{\"a\": ");
        CtlRunner.Result refused = ctl.run("import", bad.toString()).exits(Ctl.USAGE);
        assertTrue(refused.stderr().contains("broken.json: not well-formed JSON"), refused.stderr());
        ctl.run("get", "fresh/good").exits(Ctl.NOT_FOUND);
    }

    @Test
    @Order(4)
    void aBackupTakenDuringWritesHoldsExactlyTheWritesUpToItsRevision() throws Exception {
        ctl.run("ns", "create", "payments", "--description", "card limits", "--owner", "team-pay").exits(0);
        ctl.run("put", "raw/model", "--file", Files.write(work.resolve("model.bin"), rawBlob).toString()).exits(0);
        ctl.run("put", "raw/model-copy", "--file", work.resolve("model.bin").toString()).exits(0);
        // The writer writes before, during and after the backup: one key per write, until three
        // writes after the backup ended (bounded: at most 2,000 writes).
        Map<String, Long> busyRevisions = new ConcurrentHashMap<>();
        AtomicInteger afterBackup = new AtomicInteger(-1);
        CountDownLatch firstWrite = new CountDownLatch(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 2_000 && afterBackup.get() < 3; i++) {
                busyRevisions.put("k" + i, revisionOf(ctl.run("put", "busy/k" + i, "v" + i).exits(0).out()));
                firstWrite.countDown();
                afterBackup.getAndUpdate(n -> n < 0 ? n : n + 1);
            }
        });
        assertTrue(firstWrite.await(30, TimeUnit.SECONDS), "the writer's first write");
        Path file = work.resolve("cluster.backup");
        CtlRunner.Result backup = ctl.run("backup", file.toString()).exits(0);
        afterBackup.set(0);
        writer.get();
        assertTrue(backup.out().startsWith("backup of revision "), backup.out());

        long revision;
        Map<String, Long> busyInFile = new HashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            BackupReader reader = new BackupReader(in);
            revision = reader.header().revision();
            for (BackupRecord record = reader.next(); !(record instanceof BackupRecord.End); record = reader.next()) {
                if (record instanceof BackupRecord.EntryRecord(var entry)) {
                    assertTrue(entry.revision() <= revision, entry.toString());
                    if (entry.namespace().equals("busy")) {
                        busyInFile.put(entry.key(), entry.revision());
                    }
                }
            }
        }
        Map<String, Long> expected = new HashMap<>(busyRevisions);
        expected.values().removeIf(r -> r > revision);
        assertEquals(expected, busyInFile);
        assertTrue(!busyInFile.isEmpty() && busyInFile.size() <= busyRevisions.size() - 3,
                busyInFile.size() + " of " + busyRevisions.size());
        // raw/model and raw/model-copy share one blob; catalog/products.all and search/ranking are the others.
        assertTrue(backup.out().contains(" 3 blob values ("), backup.out());
    }

    @Test
    @Order(5)
    void restoreIsRefusedIntoANonEmptyClusterAndForADamagedFile() throws IOException {
        Path file = work.resolve("cluster.backup");
        CtlRunner.Result refused = ctl.run("restore", file.toString()).exits(Ctl.PRECONDITION_FAILED);
        assertTrue(refused.stderr().contains("restore writes into an empty cluster (--force"), refused.stderr());

        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x20;
        Path damaged = Files.write(work.resolve("damaged.backup"), bytes);
        CtlRunner.Result bad = ctl.run("restore", damaged.toString()).exits(Ctl.USAGE);
        assertTrue(bad.stderr().contains("damaged") || bad.stderr().contains("checksum")
                || bad.stderr().contains("not a readable backup"), bad.stderr());
    }

    @Test
    @Order(6)
    void restoreIntoANewClusterReproducesEveryNamespaceKeyAndValue() throws IOException {
        Map<String, byte[]> values = new TreeMap<>();
        List<String> namespaces = new ArrayList<>(namespacesWithout(json(ctl.run("ls", "-o", "json"))));
        namespaces.addAll(List.of("busy", "raw"));
        for (String ns : namespaces) {
            for (JsonNode key : json(ctl.run("ls", ns, "-o", "json"))) {
                values.put(ns + "/" + key.get("key").asText(), ctl.run("get", ns + "/" + key.get("key").asText()).stdout());
            }
        }
        JsonNode namespacesBefore = json(ctl.run("ls", "-o", "json"));
        Path file = work.resolve("cluster.backup");
        Map<String, String> typesBefore = types(values.keySet());

        startCluster();
        CtlRunner.Result restored = ctl.run("restore", file.toString()).exits(0);
        assertTrue(restored.out().contains("every key checked"), restored.out());

        assertEquals(namespacesWithout(namespacesBefore), namespacesWithout(json(ctl.run("ls", "-o", "json"))));
        // The busy writer's keys after the backup's revision are not in it; everything else is.
        Map<String, byte[]> afterRestore = new TreeMap<>();
        for (String key : values.keySet()) {
            CtlRunner.Result got = ctl.run("get", key);
            if (got.exitCode() == 0) {
                afterRestore.put(key, got.stdout());
            }
        }
        for (Map.Entry<String, byte[]> value : afterRestore.entrySet()) {
            assertArrayEquals(values.get(value.getKey()), value.getValue(), value.getKey());
        }
        assertTrue(afterRestore.keySet().containsAll(tree.keySet()));
        assertArrayEquals(rawBlob, afterRestore.get("raw/model"));
        assertArrayEquals(rawBlob, afterRestore.get("raw/model-copy"));
        assertEquals(typesBefore.entrySet().stream().filter(e -> afterRestore.containsKey(e.getKey())).toList(),
                types(afterRestore.keySet()).entrySet().stream().toList());
        JsonNode payments = json(ctl.run("ls", "-o", "json")).findParents("path").stream()
                .filter(ns -> ns.get("path").asText().equals("payments")).findFirst().orElseThrow();
        assertEquals("card limits", payments.get("description").asText());
        assertEquals("team-pay", payments.get("owner").asText());

        ctl.run("restore", file.toString()).exits(Ctl.PRECONDITION_FAILED);
        assertTrue(ctl.run("restore", file.toString(), "--force").exits(0).out().contains("every key checked"));
    }

    private Map<String, String> types(Iterable<String> keys) {
        Map<String, String> types = new TreeMap<>();
        keys.forEach(key -> types.put(key, entry(key).get("type").asText()));
        return types;
    }

    private static List<String> namespacesWithout(JsonNode namespaces) {
        return namespaces.findValuesAsText("path").stream().sorted().toList();
    }

    private JsonNode entry(String key) {
        return json(ctl.run("get", key, "-o", "json").exits(0));
    }

    private static JsonNode json(CtlRunner.Result result) {
        try {
            return JSON.readTree(result.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + result.out(), e);
        }
    }

    private static long revisionOf(String putOutput) {
        Matcher matcher = REVISION.matcher(putOutput);
        assertTrue(matcher.find(), putOutput);
        return Long.parseLong(matcher.group(1));
    }

    /** A config repository: three namespaces, nested directories, small, mid (blob) and 3 MiB (raw) files. */
    private Path generateTree(Path dir) throws IOException {
        Random random = new Random(7);
        for (String ns : List.of("payments", "catalog", "search")) {
            for (int i = 0; i < 12; i++) {
                String relative = ns + "/" + (i % 3 == 0 ? "eu/" : i % 3 == 1 ? "us/east/" : "") + "service" + i + ".json";
                write(dir, relative, "{\"service\": " + i + ", \"enabled\": " + random.nextBoolean() + ", \"note\": \"é ✓\"}");
            }
        }
        write(dir, "payments/eu/limits.json", "{\"daily\": 1000}");
        StringBuilder mid = new StringBuilder("[");
        for (int i = 0; i < 300; i++) {
            mid.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"w\":").append(random.nextInt()).append('}');
        }
        write(dir, "search/ranking.json", mid.append(']').toString());
        StringBuilder big = new StringBuilder("{\"products\": [");
        for (int i = 0; big.length() < 3 * 1024 * 1024; i++) {
            big.append(i == 0 ? "" : ",").append("{\"sku\":\"P").append(i).append("\",\"price\":").append(random.nextInt(100000))
                    .append('}');
        }
        write(dir, "catalog/products/all.json", big.append("]}").toString());
        Files.createDirectories(dir.resolve(".git/refs"));
        Files.writeString(dir.resolve(".git/refs/ignored.json"), "{}");
        Files.writeString(dir.resolve("catalog/README.md"), "not JSON, not imported");
        return dir;
    }

    private void write(Path dir, String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        String ns = relative.substring(0, relative.indexOf('/'));
        String key = relative.substring(ns.length() + 1, relative.length() - ".json".length()).replace('/', '.');
        tree.put(ns + "/" + key, file);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(3).nextBytes(bytes);
        return bytes;
    }
}
