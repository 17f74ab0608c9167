package io.confman.launcher.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confman.codec.wire.BlobsView;
import io.confman.codec.wire.HealthReport;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Raw values end to end on one shared three-node cluster (real processes on 127.0.0.1, -Xmx256m
 * each): upload through {@code PUT .../value}, read back from every node with identical SHA-256,
 * ranges, conditional GETs, Content-Digest, and self-healing reads (a corrupt or deleted copy on
 * one node is fetched from a peer). The reconciler and GC are slowed to once an hour here so the
 * healing seen is the read path's own. Values are generated and hashed as streams. The rules of
 * one node (access, ranges, digests on one node) are also the web module's RawValueApiTest.
 */
@Timeout(600)
class BlobRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ELECTION = Duration.ofSeconds(30);
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private static LocalCluster cluster;
    private static Node leader;
    private static final BlobHttp http = new BlobHttp();

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.start(3, Map.of(
                "blob.reconcileIntervalMillis", "3600000",
                "blob.gcIntervalMillis", "3600000"));
        leader = cluster.awaitLeader(ELECTION);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Timeout(480)
    void valuesOfEverySizeRoundTripAndEveryNodeServesTheSameBytes() {
        List<Long> sizes = List.of(0L, 1L, 64 * KIB - 1, 64 * KIB, 10 * MIB, 100 * MIB);
        List<Node> nodes = cluster.nodes();
        for (int i = 0; i < sizes.size(); i++) {
            GeneratedContent content = new GeneratedContent(sizes.get(i), 1000 + i);
            String expected = content.sha256();
            Node writer = nodes.get(i % nodes.size());
            long started = System.nanoTime();
            HttpResponse<String> put = http.putValue(writer, "sizes", "v" + i, content, Map.of());
            long putMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(200, put.statusCode(), put::body);
            JsonNode entry = json(put);
            assertEquals(expected, entry.at("/blob/sha256").asText(), put.body());
            assertEquals(content.sizeBytes(), entry.at("/blob/size").asLong());
            assertEquals("application/octet-stream", entry.at("/blob/contentType").asText());
            assertEquals("sizes", entry.get("namespace").asText());
            assertTrue(entry.get("version").asLong() >= 1);
            for (Node reader : nodes) {
                started = System.nanoTime();
                BlobHttp.Download got = http.getValue(reader, "sizes", "v" + i, Map.of());
                long getMillis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(200, got.status(), "GET from " + reader.id());
                assertEquals(content.sizeBytes(), got.bytes(), "bytes from " + reader.id());
                assertEquals(expected, got.sha256(), "SHA-256 of the bytes " + reader.id() + " served");
                assertEquals(Long.toString(content.sizeBytes()), got.header("Content-Length"));
                assertEquals("\"sha256:" + expected + "\"", got.header("ETag"));
                assertEquals("sha-256=:" + base64(expected) + ":", got.header("Repr-Digest"));
                assertEquals("bytes", got.header("Accept-Ranges"));
                assertEquals("application/octet-stream", got.header("Content-Type"));
                System.out.printf("blob round trip: %d bytes PUT via %s in %d ms, GET from %s in %d ms%n",
                        content.sizeBytes(), writer.id(), putMillis, reader.id(), getMillis);
            }
        }
    }

    @Test
    void rangeRequestsAnswerTheRightBytesAnd416OutsideTheValue() {
        GeneratedContent content = new GeneratedContent(MIB, 7);
        assertEquals(200, http.putValue(leader, "ranges", "k", content, Map.of()).statusCode());
        Node follower = aFollower();
        for (Node node : List.of(leader, follower)) {
            assertRange(node, "bytes=0-99", content, 0, 100);
            assertRange(node, "bytes=1000-", content, 1000, MIB - 1000);
            assertRange(node, "bytes=-500", content, MIB - 500, 500);
            assertRange(node, "bytes=1048000-2000000", content, 1_048_000, MIB - 1_048_000);

            BlobHttp.Download outside = http.getValue(node, "ranges", "k", Map.of("Range", "bytes=" + MIB + "-"));
            assertEquals(416, outside.status());
            assertEquals("bytes */" + MIB, outside.header("Content-Range"));

            BlobHttp.Download reversed = http.getValue(node, "ranges", "k", Map.of("Range", "bytes=10-5"));
            assertEquals(200, reversed.status(), "an invalid range is ignored");
            assertEquals(content.sha256(), reversed.sha256());
        }
    }

    @Test
    void ifNoneMatchWithTheCurrentTagAnswers304() {
        GeneratedContent content = new GeneratedContent(100 * KIB, 8);
        assertEquals(200, http.putValue(leader, "conditional", "k", content, Map.of()).statusCode());
        String etag = "\"sha256:" + content.sha256() + "\"";
        BlobHttp.Download same = http.getValue(aFollower(), "conditional", "k", Map.of("If-None-Match", etag));
        assertEquals(304, same.status());
        assertEquals(0, same.bytes());
        assertEquals(etag, same.header("ETag"));
        BlobHttp.Download other = http.getValue(aFollower(), "conditional", "k",
                Map.of("If-None-Match", "\"sha256:" + "0".repeat(64) + "\""));
        assertEquals(200, other.status());
        assertEquals(content.sha256(), other.sha256());
    }

    @Test
    void headAnswersWhatAGetWouldWithoutTheBody() throws IOException {
        GeneratedContent content = new GeneratedContent(200 * KIB + 3, 14);
        assertEquals(200, http.putValue(leader, "heads", "big", content, Map.of()).statusCode());
        String etag = "\"sha256:" + content.sha256() + "\"";
        for (Node node : cluster.nodes()) {
            HttpResponse<String> head = http.send("HEAD", BlobHttp.valueUri(node, "heads", "big"),
                    BodyPublishers.noBody(), Map.of("X-Api-Key", LocalCluster.ADMIN_KEY, "Range", "bytes=0-9"));
            assertEquals(200, head.statusCode(), "a HEAD ignores Range on " + node.id());
            assertEquals(Long.toString(content.sizeBytes()), head.headers().firstValue("Content-Length").orElse(null));
            assertEquals(etag, head.headers().firstValue("ETag").orElse(null));
            assertEquals("application/octet-stream", head.headers().firstValue("Content-Type").orElse(null));
            assertEquals("", head.body());
        }
        HttpResponse<String> unchanged = http.send("HEAD", BlobHttp.valueUri(aFollower(), "heads", "big"),
                BodyPublishers.noBody(), Map.of("X-Api-Key", LocalCluster.ADMIN_KEY, "If-None-Match", etag));
        assertEquals(304, unchanged.statusCode());

        HttpResponse<String> inline = cluster.http().send("PUT", leader.url("api/v1/namespaces/heads/config/small"),
                "{\"value\":\"hello\",\"type\":\"string\"}",
                Map.of("X-Api-Key", LocalCluster.ADMIN_KEY, "Content-Type", "application/json"));
        assertEquals(200, inline.statusCode(), inline.body());
        HttpResponse<String> inlineHead = http.send("HEAD", BlobHttp.valueUri(aFollower(), "heads", "small"),
                BodyPublishers.noBody(), Map.of("X-Api-Key", LocalCluster.ADMIN_KEY));
        assertEquals(200, inlineHead.statusCode());
        assertEquals("5", inlineHead.headers().firstValue("Content-Length").orElse(null));

        assertEquals(401, http.send("HEAD", BlobHttp.valueUri(leader, "heads", "big"), BodyPublishers.noBody(),
                Map.of()).statusCode());
        assertEquals(404, http.send("HEAD", BlobHttp.valueUri(leader, "heads", "absent"), BodyPublishers.noBody(),
                Map.of("X-Api-Key", LocalCluster.ADMIN_KEY)).statusCode());
        assertNothingFollowsTheHeaders(leader, "/api/v1/namespaces/heads/config/absent/value");
        assertNothingFollowsTheHeaders(leader, "/api/v1/namespaces/heads/config/big/value");
    }

    /**
     * On one raw keep-alive connection, a HEAD (even one answered with an error) and then a GET
     * of /health: the GET's status line must follow the HEAD's headers directly, since any body
     * after a HEAD answer would be read as the start of the next one.
     */
    private static void assertNothingFollowsTheHeaders(Node node, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", node.httpPort())) {
            socket.setSoTimeout(10_000);
            String requests = "HEAD " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + LocalCluster.ADMIN_KEY
                    + "\r\n\r\nGET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String headAnswer = readHeaders(in);
            assertTrue(headAnswer.startsWith("HTTP/1.1 "), headAnswer);
            String next = readHeaders(in);
            assertTrue(next.startsWith("HTTP/1.1 200"), "after the HEAD answer to " + path + " came: " + next);
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        while (text.length() < 8192 && !text.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            text.append((char) b);
        }
        return text.toString();
    }

    @Test
    void contentDigestIsVerifiedAndAMismatchStoresNothing() throws IOException {
        GeneratedContent content = new GeneratedContent(200 * KIB, 9);
        String wrong = "sha-256=:" + base64(new GeneratedContent(10, 1).sha256()) + ":";
        HttpResponse<String> refused = http.putValue(leader, "digests", "k", content, Map.of("Content-Digest", wrong));
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
        assertEquals(404, http.getValue(leader, "digests", "k", Map.of()).status());
        for (Node node : cluster.nodes()) {
            assertFalse(Files.exists(blobFile(node, content.sha256())), "no copy on " + node.id());
        }

        String right = "sha-256=:" + base64(content.sha256()) + ":";
        HttpResponse<String> stored = http.putValue(leader, "digests", "k", content, Map.of("Content-Digest", right));
        assertEquals(200, stored.statusCode(), stored.body());
        assertEquals(content.sha256(), json(stored).at("/blob/sha256").asText());
    }

    @Test
    void aCorruptCopyIsQuarantinedAndTheNodeServesTheRightBytesFromAPeer() throws IOException {
        GeneratedContent content = new GeneratedContent(3 * MIB + 5, 10);
        assertEquals(200, http.putValue(leader, "healing", "corrupt", content, Map.of()).statusCode());
        Node follower = aFollower();
        Path file = awaitFile(follower, content.sha256());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(1_234_567);
            int b = raf.read();
            raf.seek(1_234_567);
            raf.write(b ^ 0x01);
        }
        // Make the change visible to the store's per-file check even on coarse timestamp clocks.
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        BlobHttp.Download got = http.getValue(follower, "healing", "corrupt", Map.of());
        assertEquals(200, got.status());
        assertEquals(content.sha256(), got.sha256(), "served bytes are the original ones");
        Path quarantine = follower.dataDir().resolve("blobs").resolve("quarantine");
        try (Stream<Path> quarantined = Files.exists(quarantine) ? Files.walk(quarantine) : Stream.empty()) {
            assertTrue(quarantined.anyMatch(p -> p.getFileName().toString().startsWith(content.sha256())),
                    "the corrupt copy was moved to " + quarantine);
        }
        assertEquals(content.sha256(), fileSha256(file), "the copy on disk is good again");
        BlobsView blobs = cluster.health(follower).orElseThrow().blobs();
        assertTrue(blobs.corrupt() >= 1, "health counts the corrupt copy: " + blobs);
    }

    @Test
    void aDeletedCopyIsFetchedLazilyOnRead() throws IOException {
        GeneratedContent content = new GeneratedContent(2 * MIB, 11);
        assertEquals(200, http.putValue(leader, "healing", "deleted", content, Map.of()).statusCode());
        Node follower = aFollower();
        Files.delete(awaitFile(follower, content.sha256()));

        BlobHttp.Download got = http.getValue(follower, "healing", "deleted", Map.of("Range", "bytes=100-199"));
        assertEquals(206, got.status());
        assertEquals(content.sha256(100, 100), got.sha256());
        assertTrue(Files.exists(blobFile(follower, content.sha256())), "the fetched copy was stored");
        assertEquals(content.sha256(), fileSha256(blobFile(follower, content.sha256())));
    }

    @Test
    void aLargeJsonValueGoesThroughTheBlobStoreAndReadsBackRaw() {
        String value = "y".repeat(70 * 1024);
        HttpResponse<String> put = http.send("PUT", leader.url("api/v1/namespaces/jsonbig/config/k"),
                BodyPublishers.ofString("{\"value\":\"" + value + "\",\"type\":\"string\"}"),
                Map.of("X-Api-Key", LocalCluster.ADMIN_KEY, "Content-Type", "application/json"));
        assertEquals(200, put.statusCode(), put::body);
        JsonNode entry = json(put);
        assertEquals(70 * 1024, entry.at("/blob/size").asLong(), put.body());
        assertEquals("string", entry.get("type").asText());
        assertEquals(value, entry.get("value").asText(), "the PUT answer carries the full value");
        BlobHttp.Download raw = http.getValue(aFollower(), "jsonbig", "k", Map.of());
        assertEquals(200, raw.status());
        assertEquals(sha256Hex(value), raw.sha256());
        for (Node node : cluster.nodes()) {
            HttpResponse<String> get = http.send("GET", node.url("api/v1/namespaces/jsonbig/config/k"),
                    BodyPublishers.noBody(), Map.of("X-Api-Key", LocalCluster.READER_KEY));
            assertEquals(200, get.statusCode(), get::body);
            JsonNode read = json(get);
            assertEquals(value, read.get("value").asText(), "JSON GET on " + node.id() + " streams the full value in");
            assertEquals(entry.at("/blob/sha256").asText(), read.at("/blob/sha256").asText());
            assertEquals(entry.get("version").asLong(), read.get("version").asLong());
        }
        HttpResponse<String> list = http.send("GET", leader.url("api/v1/namespaces/jsonbig/config"),
                BodyPublishers.noBody(), Map.of("X-Api-Key", LocalCluster.READER_KEY));
        JsonNode listed = json(list).get(0);
        assertEquals(70 * 1024, listed.at("/blob/size").asLong(), "lists carry the blob metadata");
        assertTrue(listed.get("value").isNull(), "lists do not stream blob values");
    }

    @Test
    void aTenMebibyteTextValueReadsBackWholeThroughTheJsonGetOfEveryNode() {
        String value = "0123456789abcdef".repeat((int) (10 * MIB / 16));
        HttpResponse<String> put = http.send("PUT", BlobHttp.valueUri(leader, "jsontext", "k"),
                BodyPublishers.ofString(value), Map.of("X-Api-Key", LocalCluster.ADMIN_KEY,
                        "Content-Type", "text/plain; charset=utf-8"));
        assertEquals(200, put.statusCode(), put::body);
        for (Node node : cluster.nodes()) {
            HttpResponse<String> get = http.send("GET", node.url("api/v1/namespaces/jsontext/config/k"),
                    BodyPublishers.noBody(), Map.of("X-Api-Key", LocalCluster.READER_KEY));
            assertEquals(200, get.statusCode(), () -> node.id() + ": " + get.body().substring(0, 200));
            JsonNode entry = json(get);
            assertEquals(sha256Hex(value), sha256Hex(entry.get("value").asText()), "JSON value on " + node.id());
            assertEquals(10 * MIB, entry.at("/blob/size").asLong());
        }
    }

    @Test
    void healthReportsTheBlobStore() throws IOException {
        assertEquals(200, http.putValue(leader, "health", "k", new GeneratedContent(4096, 13), Map.of()).statusCode());
        HealthReport report = cluster.health(leader).orElseThrow();
        assertNotNull(report.blobs(), "blobs is reported");
        assertTrue(report.blobs().count() >= 1, report.blobs().toString());
        assertTrue(report.blobs().bytes() >= 4096, report.blobs().toString());
        assertEquals(0, report.blobs().missing());
        String raw = cluster.http().get(leader.url("health/ready"), Map.of()).orElseThrow().body();
        assertTrue(JSON.readTree(raw).get("blobs").has("missing"), raw);
        assertTrue(JSON.readTree(raw).get("blobs").has("corrupt"), raw);
        assertTrue(report.blobs().freeBytes() > 0, "the data disk's free space: " + report.blobs());
        assertEquals(512L * 1024 * 1024, report.blobs().reserveBytes(), "the default reserve");
    }

    private static void assertRange(Node node, String range, GeneratedContent content, long offset, long length) {
        BlobHttp.Download got = http.getValue(node, "ranges", "k", Map.of("Range", range));
        assertEquals(206, got.status(), range + " on " + node.id());
        assertEquals(length, got.bytes(), range);
        assertEquals(content.sha256(offset, length), got.sha256(), range + " bytes");
        assertEquals("bytes " + offset + "-" + (offset + length - 1) + "/" + content.sizeBytes(),
                got.header("Content-Range"));
        assertEquals(Long.toString(length), got.header("Content-Length"));
    }

    private static Node aFollower() {
        return cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    }

    static Path blobFile(Node node, String sha256) {
        return node.dataDir().resolve("blobs").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** Pushes need only a quorum; the second follower's copy may land a moment later. */
    static Path awaitFile(Node node, String sha256) {
        Path file = blobFile(node, sha256);
        return LocalCluster.await(Duration.ofSeconds(30), file + " to exist",
                () -> Files.exists(file) ? java.util.Optional.of(file) : java.util.Optional.empty());
    }

    static String fileSha256(Path file) throws IOException {
        var digest = GeneratedContent.newDigest();
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) != -1) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String base64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    private static String sha256Hex(String text) {
        return HexFormat.of().formatHex(GeneratedContent.newDigest().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
