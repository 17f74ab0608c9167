package io.confman.web.blob;

import static io.confman.web.testing.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.confman.web.testing.InMemoryNode;
import io.confman.web.testing.OneNodePerClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Resumable uploads through the real routing of one shared in-memory node: a value sent in parts
 * commits whole and reads back as a PUT of it would, an unfinished upload is not committed and an
 * abandoned one is gone, readers cannot upload and bad headers are refused. A connection dropped in
 * the middle of a part and an upload through a follower are the launcher's ResumableUploadTest.
 */
@Timeout(60)
class UploadApiTest extends OneNodePerClass {
    private static final int MIB = 1024 * 1024;

    @Test
    void aValueSentInPartsCommitsWholeAndReadsBackAsAPutOfItWould() {
        byte[] content = new byte[3 * MIB + 11];
        new Random(31).nextBytes(content);
        HttpResponse<String> started = send("POST", "whole/uploads", BodyPublishers.noBody(),
                Map.of("Upload-Length", Long.toString(content.length)));
        assertEquals(201, started.statusCode(), started::body);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertEquals(MIB, append(location, content, 0, MIB));
        assertEquals(MIB, offset(location));
        assertEquals(content.length, append(location, content, MIB, content.length - MIB));

        HttpResponse<String> committed = send("POST", location + "/commit", BodyPublishers.noBody(), Map.of());
        assertEquals(200, committed.statusCode(), committed::body);
        assertEquals(RawValueApiTest.sha256Hex(content), json(committed).at("/blob/sha256").asText());
        assertEquals(content.length, json(committed).at("/blob/size").asLong());
        HttpResponse<byte[]> read = get("/api/v1/namespaces/uploads/config/whole/value");
        assertEquals(200, read.statusCode());
        assertArrayEquals(content, read.body());
        assertEquals(404, send("HEAD", location, BodyPublishers.noBody(), Map.of()).statusCode(),
                "a committed upload is gone");
    }

    @Test
    void anUnfinishedUploadIsNotCommittedAndAnAbandonedOneIsGone() {
        byte[] content = new byte[MIB];
        new Random(32).nextBytes(content);
        String location = send("POST", "part/uploads", BodyPublishers.noBody(),
                Map.of("Upload-Length", Long.toString(content.length))).headers().firstValue("Location").orElseThrow();
        append(location, content, 0, MIB / 2);

        HttpResponse<String> early = send("POST", location + "/commit", BodyPublishers.noBody(), Map.of());
        assertEquals(409, early.statusCode(), early::body);
        assertEquals(404, get("/api/v1/namespaces/uploads/config/part/value").statusCode());

        assertEquals(204, send("DELETE", location, BodyPublishers.noBody(), Map.of()).statusCode());
        assertEquals(404, send("HEAD", location, BodyPublishers.noBody(), Map.of()).statusCode());
        assertEquals(404, send("PATCH", location, part(content, 0, 10), Map.of("Upload-Offset", "0"))
                .statusCode());
    }

    @Test
    void readersCannotUploadAndBadHeadersAreRefused() {
        HttpResponse<String> reader = leader.send("POST", "/api/v1/namespaces/uploads/config/denied/uploads", null,
                InMemoryNode.READER_KEY);
        assertEquals(403, reader.statusCode(), reader::body);
        assertEquals(400, send("POST", "bad/uploads", BodyPublishers.noBody(), Map.of("Upload-Length", "-5"))
                .statusCode());
        assertEquals(413, send("POST", "huge/uploads", BodyPublishers.noBody(),
                Map.of("Upload-Length", Long.toString(Long.MAX_VALUE / 2))).statusCode());
        String location = send("POST", "noffset/uploads", BodyPublishers.noBody(), Map.of())
                .headers().firstValue("Location").orElseThrow();
        HttpResponse<String> noOffset = send("PATCH", location, BodyPublishers.ofString("x"), Map.of());
        assertEquals(400, noOffset.statusCode(), noOffset::body);
        assertEquals("application/problem+json", noOffset.headers().firstValue("Content-Type").orElse(""));
    }

    private long append(String location, byte[] content, int offset, int length) {
        HttpResponse<String> answer = send("PATCH", location, part(content, offset, length),
                Map.of("Upload-Offset", Long.toString(offset), "Content-Type", "application/offset+octet-stream"));
        assertEquals(204, answer.statusCode(), answer::body);
        return Long.parseLong(answer.headers().firstValue("Upload-Offset").orElseThrow());
    }

    private long offset(String location) {
        HttpResponse<String> answer = send("HEAD", location, BodyPublishers.noBody(), Map.of());
        assertEquals(200, answer.statusCode());
        return Long.parseLong(answer.headers().firstValue("Upload-Offset").orElseThrow());
    }

    private static BodyPublisher part(byte[] content, int offset, int length) {
        return BodyPublishers.ofByteArray(Arrays.copyOfRange(content, offset, offset + length));
    }

    private HttpResponse<String> send(String method, String pathOrKey, BodyPublisher body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("X-Api-Key", InMemoryNode.ADMIN_KEY);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathOrKey)).timeout(Duration.ofSeconds(30))
                .method(method, body);
        all.forEach(request::header);
        return send(request.build(), BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET()
                .header("X-Api-Key", InMemoryNode.ADMIN_KEY).build(), BodyHandlers.ofByteArray());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return leader.http().send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A location as answered ({@code /api/...}), or {@code key/uploads} in namespace "uploads". */
    private URI uri(String pathOrKey) {
        return pathOrKey.startsWith("/") ? leader.url(pathOrKey) : leader.url("api/v1/namespaces/uploads/config/" + pathOrKey);
    }
}
