package io.confman.launcher.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A blob-backed JSON GET whose value turns out bad while it is being streamed (here: a copy over
 * 16 MiB changed in place, which is hashed while it streams rather than before, so only the check
 * at the end of the stream sees it) aborts the connection instead of ending as a 200 with cut-short JSON, and the next read is
 * served whole from a peer. Three real nodes on 127.0.0.1.
 */
@Timeout(180)
class BlobReadFailureTest {
    private static final Duration ELECTION = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aJsonValueThatFailsItsHashCheckMidStreamAbortsTheAnswerAndTheNextReadHeals() throws IOException {
        try (LocalCluster cluster = LocalCluster.start(3, Map.of("blob.reconcileIntervalMillis", "3600000",
                "http.maxPayloadBytes", String.valueOf(32 * 1024 * 1024)))) {
            BlobHttp http = new BlobHttp();
            Node leader = cluster.awaitLeader(ELECTION);
            String value = "z".repeat(17 * 1024 * 1024);
            HttpResponse<String> put = http.send("PUT", leader.url("api/v1/namespaces/failing/config/k"),
                    BodyPublishers.ofString("{\"value\":\"" + value + "\"}"),
                    Map.of("X-Api-Key", LocalCluster.ADMIN_KEY, "Content-Type", "application/json"));
            assertEquals(200, put.statusCode(), put::body);
            String sha256 = JSON.readTree(put.body()).at("/blob/sha256").asText();
            Node follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            HttpRequest get = HttpRequest.newBuilder(follower.url("api/v1/namespaces/failing/config/k"))
                    .timeout(BlobHttp.TIMEOUT).header("X-Api-Key", LocalCluster.READER_KEY).GET().build();
            assertEquals(200, http.download(get).status(), "the follower's copy is verified on this first read");

            corruptInPlace(BlobRoundTripTest.awaitFile(follower, sha256), 1000);

            UncheckedIOException aborted = assertThrows(UncheckedIOException.class, () -> http.download(get),
                    "the answer must break off, not end as a complete 200");
            System.out.println("mid-stream failure seen by the client as: " + aborted.getCause());
            BlobHttp.Download healed = http.download(get);
            assertEquals(200, healed.status());
            HttpResponse<String> whole = http.send("GET", get.uri(), BodyPublishers.noBody(),
                    Map.of("X-Api-Key", LocalCluster.READER_KEY));
            assertEquals(value, JSON.readTree(whole.body()).get("value").asText(), "served from a peer's good copy");
        }
    }

    private static void corruptInPlace(Path file, long position) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x01);
        }
        // A later time, as any change has, even on file systems with coarse timestamps.
        Files.setLastModifiedTime(file, FileTime.fromMillis(modified.toMillis() + 5000));
    }
}
