package io.confman.web.blob;

import static io.confman.web.testing.ApiClient.assertProblem;
import static io.confman.web.testing.ApiClient.describe;
import static io.confman.web.testing.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.confman.blob.BlobId;
import io.confman.blob.InMemoryBlobStore;
import io.confman.web.testing.InMemoryNode;
import io.confman.web.testing.OneNodePerClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Raw values ({@code PUT/GET/HEAD .../config/{key}/value}) through the real routing of one shared
 * in-memory node whose two peers are in-memory blob stores: a value round-trips with its headers and
 * lands on the peers before the pointer commits, ranges answer the right bytes and 416 outside,
 * conditional GETs answer 304, HEAD answers a GET's headers, a wrong Content-Digest stores nothing,
 * writing needs a key and a writer role, and a node without a quorum stores nothing and answers
 * 503. Reads on other nodes, self-healing copies and values of 100 MiB are the launcher's
 * BlobRoundTripTest (real processes and disks).
 */
@Timeout(60)
class RawValueApiTest extends OneNodePerClass {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    @Test
    void aValueRoundTripsWithItsHeadersAndIsOnAQuorumOfCopiesBeforeItCommits() {
        byte[] value = bytes(MIB + 17, 1);
        String sha256 = sha256Hex(value);
        HttpResponse<String> put = putValue("raw", "k", value, Map.of());
        assertEquals(200, put.statusCode(), () -> describe(put));
        JsonNode entry = json(put);
        assertEquals(sha256, entry.at("/blob/sha256").asText());
        assertEquals(value.length, entry.at("/blob/size").asLong());
        assertEquals("application/octet-stream", entry.at("/blob/contentType").asText());
        assertEquals(1, entry.get("version").asLong());
        long copies = leader.peerBlobs().stream().filter(peer -> peer.info(BlobId.of(sha256)).isPresent()).count();
        assertTrue(copies >= 1, "with this node's own, a majority of three holds the value: " + copies + " peer copies");

        HttpResponse<byte[]> got = getValue("raw", "k", Map.of());
        assertEquals(200, got.statusCode());
        assertArrayEquals(value, got.body());
        assertEquals(Long.toString(value.length), got.headers().firstValue("Content-Length").orElse(null));
        assertEquals("\"sha256:" + sha256 + "\"", got.headers().firstValue("ETag").orElse(null));
        assertEquals("sha-256=:" + base64(sha256) + ":", got.headers().firstValue("Repr-Digest").orElse(null));
        assertEquals("bytes", got.headers().firstValue("Accept-Ranges").orElse(null));
        assertEquals("application/octet-stream", got.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void rangeRequestsAnswerTheRightBytesAnd416OutsideTheValue() {
        byte[] value = bytes(MIB, 7);
        assertEquals(200, putValue("ranges", "k", value, Map.of()).statusCode());
        assertRange("bytes=0-99", value, 0, 100);
        assertRange("bytes=1000-", value, 1000, MIB - 1000);
        assertRange("bytes=-500", value, MIB - 500, 500);
        assertRange("bytes=1048000-2000000", value, 1_048_000, MIB - 1_048_000);

        HttpResponse<byte[]> outside = getValue("ranges", "k", Map.of("Range", "bytes=" + MIB + "-"));
        assertEquals(416, outside.statusCode());
        assertEquals("bytes */" + MIB, outside.headers().firstValue("Content-Range").orElse(null));
        HttpResponse<byte[]> reversed = getValue("ranges", "k", Map.of("Range", "bytes=10-5"));
        assertEquals(200, reversed.statusCode(), "an invalid range is ignored");
        assertArrayEquals(value, reversed.body());
    }

    @Test
    void ifNoneMatchWithTheCurrentTagAnswers304AndHeadAnswersAGetsHeaders() {
        byte[] value = bytes(200 * KIB + 3, 8);
        assertEquals(200, putValue("conditional", "k", value, Map.of()).statusCode());
        String etag = "\"sha256:" + sha256Hex(value) + "\"";
        HttpResponse<byte[]> same = getValue("conditional", "k", Map.of("If-None-Match", etag));
        assertEquals(304, same.statusCode());
        assertEquals(0, same.body().length);
        assertEquals(etag, same.headers().firstValue("ETag").orElse(null));
        HttpResponse<byte[]> other = getValue("conditional", "k", Map.of("If-None-Match",
                "\"sha256:" + "0".repeat(64) + "\""));
        assertEquals(200, other.statusCode());
        assertArrayEquals(value, other.body());

        HttpResponse<String> head = leader.send("HEAD", valuePath("conditional", "k"), null, InMemoryNode.ADMIN_KEY,
                Map.of("Range", "bytes=0-9"));
        assertEquals(200, head.statusCode(), "a HEAD ignores Range");
        assertEquals(Long.toString(value.length), head.headers().firstValue("Content-Length").orElse(null));
        assertEquals(etag, head.headers().firstValue("ETag").orElse(null));
        assertEquals("", head.body());
        assertEquals(404, leader.send("HEAD", valuePath("conditional", "absent"), null, InMemoryNode.ADMIN_KEY)
                .statusCode());
    }

    @Test
    void contentDigestIsVerifiedAndAMismatchStoresNothing() {
        byte[] value = bytes(200 * KIB, 9);
        String wrong = "sha-256=:" + base64(sha256Hex(new byte[10])) + ":";
        HttpResponse<String> refused = putValue("digests", "k", value, Map.of("Content-Digest", wrong));
        assertProblem(refused, 400);
        assertEquals(404, getValue("digests", "k", Map.of()).statusCode());
        BlobId id = BlobId.of(sha256Hex(value));
        assertFalse(leader.blobs().info(id).isPresent(), "no copy on this node");
        for (InMemoryBlobStore peer : leader.peerBlobs()) {
            assertFalse(peer.info(id).isPresent(), "no copy on a peer");
        }
        String right = "sha-256=:" + base64(sha256Hex(value)) + ":";
        HttpResponse<String> stored = putValue("digests", "k", value, Map.of("Content-Digest", right));
        assertEquals(200, stored.statusCode(), () -> describe(stored));
        assertEquals(sha256Hex(value), json(stored).at("/blob/sha256").asText());
    }

    @Test
    void rawValuesNeedAKeyAndAWriterRole() {
        byte[] content = bytes(10, 12);
        HttpResponse<String> anonymous = putValue("auth", "k", content, null, Map.of());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        HttpResponse<String> reader = putValue("auth", "k", content, InMemoryNode.READER_KEY, Map.of());
        assertEquals(403, reader.statusCode(), reader.body());
        HttpResponse<String> scoped = putValue("auth", "k", content, InMemoryNode.SCOPED_EDITOR_KEY, Map.of());
        assertEquals(403, scoped.statusCode(), scoped.body());
        HttpResponse<String> badName = putValue("a!b", "k", content, InMemoryNode.ADMIN_KEY, Map.of());
        assertEquals(400, badName.statusCode(), badName.body());
        HttpResponse<String> readerGet = leader.send("GET", valuePath("auth", "k"), null, InMemoryNode.READER_KEY);
        assertEquals(404, readerGet.statusCode(), "a reader may read; nothing was stored: " + readerGet.body());
    }

    @Test
    void withoutAQuorumAWriteAnswers503AndStoresNoPointer() {
        leader.raft().isolate(true);
        try {
            HttpResponse<String> raw = putValue("cut-off", "k", bytes(1000, 13), Map.of());
            assertProblem(raw, 503);
            assertTrue(raw.headers().firstValue("Retry-After").isPresent(), raw.headers()::toString);
            assertProblem(leader.send("PUT", "/api/v1/namespaces/cut-off/config/small", "{\"value\":\"v\"}", ADMIN),
                    503);
            assertProblem(leader.send("GET", "/api/v1/namespaces/cut-off/config/small", null, ADMIN), 503);
            assertEquals(404, leader.send("GET", "/api/v1/namespaces/cut-off/config/small?consistency=stale", null,
                    ADMIN).statusCode(), "a stale read is served from the local state");
        } finally {
            leader.raft().isolate(false);
        }
        assertTrue(leader.state().config("cut-off", "k").isEmpty());
        assertTrue(leader.state().config("cut-off", "small").isEmpty());
    }

    private void assertRange(String range, byte[] value, int offset, int length) {
        HttpResponse<byte[]> got = getValue("ranges", "k", Map.of("Range", range));
        assertEquals(206, got.statusCode(), range);
        assertArrayEquals(Arrays.copyOfRange(value, offset, offset + length), got.body(), range);
        assertEquals("bytes " + offset + "-" + (offset + length - 1) + "/" + value.length,
                got.headers().firstValue("Content-Range").orElse(null));
        assertEquals(Integer.toString(length), got.headers().firstValue("Content-Length").orElse(null));
    }

    private static String valuePath(String namespace, String key) {
        return "/api/v1/namespaces/" + namespace + "/config/" + key + "/value";
    }

    private HttpResponse<String> putValue(String namespace, String key, byte[] value, Map<String, String> headers) {
        return putValue(namespace, key, value, InMemoryNode.ADMIN_KEY, headers);
    }

    private HttpResponse<String> putValue(String namespace, String key, byte[] value, String apiKey,
                                          Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(leader.url(valuePath(namespace, key)))
                .timeout(Duration.ofSeconds(30)).PUT(BodyPublishers.ofByteArray(value))
                .header("Content-Type", "application/octet-stream");
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        headers.forEach(request::header);
        return send(request.build(), BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getValue(String namespace, String key, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(leader.url(valuePath(namespace, key)))
                .timeout(Duration.ofSeconds(30)).GET().header("X-Api-Key", InMemoryNode.ADMIN_KEY);
        headers.forEach(request::header);
        return send(request.build(), BodyHandlers.ofByteArray());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return leader.http().send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }
}
