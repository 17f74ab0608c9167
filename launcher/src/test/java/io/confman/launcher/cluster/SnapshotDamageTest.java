package io.confman.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node whose newest snapshot cannot be read never comes up with an empty state: it refuses to
 * start (exit status 2, one line naming the snapshot) whether the snapshot file itself is damaged
 * or the file Ratis reads beside it is, which Ratis's own lookup silently turns into "no
 * snapshot". One real node with small log segments, so the log its snapshot covers is purged and
 * an empty state could not be rebuilt from the log.
 */
@Timeout(180)
class SnapshotDamageTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SNAPSHOT_INTERVAL = 50;
    private static final int WRITES = 200;
    private static final String NAMESPACE = "damage";

    @Test
    void aFlippedByteInTheNewestSnapshotMakesTheNodeRefuseToStart() throws Exception {
        assertDamagedSnapshotRefusesStart(snapshot -> flipByte(snapshot, snapshotSize(snapshot) / 2));
    }

    @Test
    void anUnreadableChecksumFileBesideTheSnapshotMakesTheNodeRefuseToStartRatherThanStartEmpty() throws Exception {
        assertDamagedSnapshotRefusesStart(snapshot -> write(snapshot.resolveSibling(snapshot.getFileName() + ".md5"),
                "not a checksum line"));
    }

    private static void assertDamagedSnapshotRefusesStart(Consumer<Path> damage) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(1, Map.of("raft.logSegmentSizeBytes", "16384",
                "raft.snapshotInterval", String.valueOf(SNAPSHOT_INTERVAL)))) {
            ClusterCalls calls = new ClusterCalls(cluster);
            Node node = cluster.awaitLeader(WAIT);
            for (int i = 0; i < WRITES; i++) {
                assertEquals(200, calls.put(node, NAMESPACE, "k" + (i % 40), "v" + i).orElseThrow().statusCode());
            }
            cluster.awaitHealth(node, WAIT, "a snapshot", r -> r.snapshot() != null
                    && r.snapshot().index() >= SNAPSHOT_INTERVAL - 1);
            node.terminate(WAIT);
            Path snapshot = newestSnapshot(node.dataDir());
            damage.accept(snapshot);

            cluster.start(node);
            assertEquals(2, node.exitCode(WAIT).orElseThrow(() -> new AssertionError(
                    "the node kept running on a damaged snapshot:\n" + node.log())));
            String log = node.log();
            assertTrue(log.contains("refusing to start"), log);
            assertTrue(log.contains(snapshot.getFileName().toString()), "names the snapshot: " + log);
            assertFalse(log.contains("recovered Raft storage"), log);
        }
    }

    private static Path newestSnapshot(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("raft"))) {
            return files.filter(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
                    .max((a, b) -> Long.compare(index(a), index(b)))
                    .orElseThrow(() -> new AssertionError("no snapshot under " + dataDir));
        }
    }

    private static long index(Path snapshot) {
        String name = snapshot.getFileName().toString();
        return Long.parseLong(name.substring(name.indexOf('_') + 1));
    }

    private static long snapshotSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void flipByte(Path file, long position) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x20);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
