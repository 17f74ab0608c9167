package io.confman.launcher.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Resumable uploads on a real cluster: a value sent in parts through a follower, one part cut off
 * mid-body by a dropped connection and resumed from the offset the node reports, then committed
 * with its digest and read back whole from another node; wrong offsets and other nodes. Unfinished
 * and abandoned uploads and the access rules, on one node, are the web module's UploadApiTest.
 */
@Timeout(240)
class ResumableUploadTest {
    private static final Duration ELECTION = Duration.ofSeconds(30);
    private static final long MIB = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalCluster cluster;
    private static Node leader;
    private static Node follower;
    private static Node third;
    private final BlobHttp http = new BlobHttp();

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.start(3);
        leader = cluster.awaitLeader(ELECTION);
        List<Node> others = cluster.nodes().stream().filter(n -> n != leader).toList();
        follower = others.get(0);
        third = others.get(1);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void aValueSentInPartsSurvivesADroppedConnectionAndCommitsWhole() throws Exception {
        GeneratedContent content = new GeneratedContent(20 * MIB + 3, 31);
        HttpResponse<String> started = send("POST", follower, "big/uploads", BodyPublishers.noBody(),
                Map.of("Upload-Length", Long.toString(content.sizeBytes()), "Upload-Content-Type", "application/x-test"));
        assertEquals(201, started.statusCode(), started::body);
        assertEquals("0", started.headers().firstValue("Upload-Offset").orElse(""));
        String location = started.headers().firstValue("Location").orElseThrow();
        assertEquals(location, JSON.readTree(started.body()).get("location").asText());

        assertEquals(8 * MIB, append(follower, location, content, 0, 8 * MIB));
        long sentBeforeTheDrop = sendPartAndDropTheConnection(follower, location, content, 8 * MIB, 8 * MIB, 3 * MIB);
        long resumeAt = offset(follower, location);
        assertTrue(resumeAt > 8 * MIB && resumeAt <= 8 * MIB + sentBeforeTheDrop,
                "what arrived of the broken part is kept: offset " + resumeAt);

        HttpResponse<String> wrongOffset = send("PATCH", follower, location, part(content, 0, 10),
                Map.of("Upload-Offset", "0"));
        assertEquals(409, wrongOffset.statusCode(), wrongOffset::body);
        assertEquals(404, send("HEAD", leader, location, BodyPublishers.noBody(), Map.of()).statusCode(),
                "an upload lives on the node that started it");

        assertEquals(content.sizeBytes(), append(follower, location, content, resumeAt, content.sizeBytes() - resumeAt));
        String digest = "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(content.sha256())) + ":";
        HttpResponse<String> committed = send("POST", follower, location + "/commit", BodyPublishers.noBody(),
                Map.of("Content-Digest", digest));
        assertEquals(200, committed.statusCode(), committed::body);
        JsonNode entry = JSON.readTree(committed.body());
        assertEquals(content.sha256(), entry.at("/blob/sha256").asText());
        assertEquals("application/x-test", entry.at("/blob/contentType").asText());

        BlobHttp.Download read = http.getValue(third, "uploads", "big", Map.of());
        assertEquals(200, read.status());
        assertEquals(content.sha256(), read.sha256());
        assertEquals(404, send("HEAD", follower, location, BodyPublishers.noBody(), Map.of()).statusCode(),
                "a committed upload is gone");
    }

    private long append(Node node, String location, GeneratedContent content, long offset, long length) {
        HttpResponse<String> answer = send("PATCH", node, location, part(content, offset, length),
                Map.of("Upload-Offset", Long.toString(offset), "Content-Type", "application/offset+octet-stream"));
        assertEquals(204, answer.statusCode(), answer::body);
        return Long.parseLong(answer.headers().firstValue("Upload-Offset").orElseThrow());
    }

    private long offset(Node node, String location) {
        HttpResponse<String> answer = send("HEAD", node, location, BodyPublishers.noBody(), Map.of());
        assertEquals(200, answer.statusCode());
        return Long.parseLong(answer.headers().firstValue("Upload-Offset").orElseThrow());
    }

    /**
     * Starts a PATCH announcing {@code announced} bytes, sends {@code sent} of them and closes the
     * connection, as a laptop losing its network does; returns the bytes sent.
     */
    private static long sendPartAndDropTheConnection(Node node, String location, GeneratedContent content, long offset,
                                                     long announced, long sent) throws IOException, InterruptedException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.httpPort())) {
            OutputStream out = socket.getOutputStream();
            String head = "PATCH " + location + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + LocalCluster.ADMIN_KEY
                    + "\r\nUpload-Offset: " + offset + "\r\nContent-Type: application/offset+octet-stream\r\n"
                    + "Content-Length: " + announced + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            try (InputStream bytes = content.open()) {
                bytes.skipNBytes(offset);
                out.write(bytes.readNBytes((int) sent));
            }
            out.flush();
            Thread.sleep(500);
        }
        return sent;
    }

    private static BodyPublisher part(GeneratedContent content, long offset, long length) {
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> {
            InputStream in = content.open();
            try {
                in.skipNBytes(offset);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new java.io.FilterInputStream(in) {
                private long left = length;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left == 0) {
                        return -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    left -= Math.max(n, 0);
                    return n;
                }
            };
        }), length);
    }

    private HttpResponse<String> send(String method, Node node, String pathOrKey, BodyPublisher body,
                                      Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("X-Api-Key", LocalCluster.ADMIN_KEY);
        return http.send(method, uri(node, pathOrKey), body, all);
    }

    /** A location as answered ({@code /api/...}), or {@code key/uploads} in namespace "uploads". */
    private static URI uri(Node node, String pathOrKey) {
        return pathOrKey.startsWith("/") ? node.url(pathOrKey.substring(1))
                : node.url("api/v1/namespaces/uploads/config/" + pathOrKey);
    }
}
