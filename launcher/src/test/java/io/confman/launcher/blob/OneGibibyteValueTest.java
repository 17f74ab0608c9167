package io.confman.launcher.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The memory proof: a 1 GiB value goes in through one node and comes out of every node (the same
 * SHA-256 from all three, and its last MiB by a range request), each node a JVM limited to
 * {@code -Xmx256m}. Passing means no path buffers a value. Prints the times and each node's peak
 * resident set size ({@code VmHWM}).
 *
 * <p>About 80 s on a two-core machine (an upload, a quorum push, a fetch and three downloads of
 * 1 GiB), well beyond what the normal suite can spend, so it runs only when asked:
 * {@code -Dconfman.oneGibibyteTest=true}, as {@code bench/blob-1gib.sh} does.
 */
@Timeout(300)
@EnabledIfSystemProperty(named = "confman.oneGibibyteTest", matches = "true")
class OneGibibyteValueTest {
    private static final long GIB = 1024L * 1024 * 1024;

    @Test
    void aOneGibibyteValueRoundTripsThroughNodesWithA256MiBHeap() throws IOException {
        try (LocalCluster cluster = LocalCluster.start(3, Map.of("blob.gcIntervalMillis", "3600000"))) {
            Node leader = cluster.awaitLeader(Duration.ofSeconds(30));
            Node reader = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            GeneratedContent content = new GeneratedContent(GIB, 42);
            BlobHttp http = new BlobHttp();

            long started = System.nanoTime();
            HttpResponse<String> put = http.putValue(leader, "big", "one-gib", content, Map.of());
            long putMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(200, put.statusCode(), put.body());

            started = System.nanoTime();
            BlobHttp.Download got = http.getValue(reader, "big", "one-gib", Map.of());
            long getMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(200, got.status());
            assertEquals(GIB, got.bytes());
            String expected = content.sha256();
            assertEquals(expected, got.sha256());
            assertTrue(leader.running() && reader.running(), "no node died on the way");
            System.out.printf("1 GiB value: PUT via %s (push to a quorum included) %d ms, GET from %s %d ms; "
                            + "peak RSS %s=%s %s=%s%n", leader.id(), putMillis, reader.id(), getMillis,
                    leader.id(), peakRss(leader), reader.id(), peakRss(reader));
            for (Node node : cluster.nodes()) {
                if (node != reader) {
                    BlobHttp.Download again = http.getValue(node, "big", "one-gib", Map.of());
                    assertEquals(expected, again.sha256(), "the same bytes from " + node.id());
                }
            }
            BlobHttp.Download tail = http.getValue(reader, "big", "one-gib", Map.of("Range", "bytes=-1048576"));
            assertEquals(206, tail.status());
            assertEquals(content.sha256(GIB - 1024 * 1024, 1024 * 1024), tail.sha256(), "the last MiB by range");
            System.out.printf("1 GiB value: the same SHA-256 from all three nodes; peak RSS %s%n",
                    cluster.nodes().stream().map(n -> n.id() + "=" + peakRss(n)).toList());
        }
    }

    private static String peakRss(Node node) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(node.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:")).findFirst()
                    .map(line -> line.substring("VmHWM:".length()).trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
