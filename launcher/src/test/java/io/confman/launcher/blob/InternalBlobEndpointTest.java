package io.confman.launcher.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The node-to-node {@code /internal/blobs/{sha256}} endpoints of a real node: the cluster token
 * (401), the member address check (403, from a client bound to 127.0.0.2, which no member uses),
 * id validation on the raw path (400, before any file path is built), and PUT/GET/HEAD semantics
 * (201/204/400 on hash mismatch with no file left, 404 for absent blobs).
 */
@Timeout(180)
class InternalBlobEndpointTest {
    private static final Map<String, String> TOKEN = Map.of(BlobHttp.TOKEN_HEADER, LocalCluster.TOKEN);

    private static LocalCluster cluster;
    private static Node node;
    private static final BlobHttp http = new BlobHttp();

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.start(3, Map.of("blob.gcIntervalMillis", "3600000"));
        cluster.awaitLeader(Duration.ofSeconds(30));
        node = cluster.nodes().getFirst();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aMissingOrWrongTokenIsRefusedWith401() {
        String id = new GeneratedContent(5, 1).sha256();
        for (String method : List.of("GET", "HEAD", "PUT")) {
            HttpResponse<String> none = http.send(method, BlobHttp.internalUri(node, id), BodyPublishers.noBody(), Map.of());
            assertEquals(401, none.statusCode(), method + " without token: " + none.body());
            HttpResponse<String> wrong = http.send(method, BlobHttp.internalUri(node, id), BodyPublishers.noBody(),
                    Map.of(BlobHttp.TOKEN_HEADER, LocalCluster.TOKEN + "x"));
            assertEquals(401, wrong.statusCode(), method + " with a wrong token");
        }
    }

    @Test
    void badIdsAreRefusedWith400() {
        String good = new GeneratedContent(5, 2).sha256();
        for (String bad : List.of("..%2F..%2Fetc%2Fpasswd", good.toUpperCase(), good.substring(1), good + "0",
                "g" + good.substring(1), "%2e%2e")) {
            for (String method : List.of("GET", "PUT")) {
                HttpResponse<String> answer = http.send(method, BlobHttp.internalUri(node, bad),
                        BodyPublishers.ofString("x"), TOKEN);
                assertEquals(400, answer.statusCode(), method + " " + bad + ": " + answer.body());
                assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
            }
        }
    }

    @Test
    void putStoresVerifiedContentAndGetAndHeadServeIt() throws IOException {
        GeneratedContent content = new GeneratedContent(300_000, 3);
        String id = content.sha256();
        URI uri = BlobHttp.internalUri(node, id);
        assertEquals(404, http.send("HEAD", uri, BodyPublishers.noBody(), TOKEN).statusCode());
        assertEquals(404, http.download(request("GET", uri, BodyPublishers.noBody())).status());

        assertEquals(201, http.send("PUT", uri, BlobHttp.body(content), TOKEN).statusCode());
        assertEquals(204, http.send("PUT", uri, BlobHttp.body(content), TOKEN).statusCode(), "already present");

        HttpResponse<String> head = http.send("HEAD", uri, BodyPublishers.noBody(), TOKEN);
        assertEquals(200, head.statusCode());
        assertEquals("300000", head.headers().firstValue("Content-Length").orElse(""));
        BlobHttp.Download got = http.download(request("GET", uri, BodyPublishers.noBody()));
        assertEquals(200, got.status());
        assertEquals("300000", got.header("Content-Length"));
        assertEquals(id, got.sha256());
        assertTrue(Files.exists(BlobRoundTripTest.blobFile(node, id)));
    }

    @Test
    void aBodyThatDoesNotHashToTheIdIsRefusedAndLeavesNoFile() {
        String claimed = new GeneratedContent(1000, 4).sha256();
        HttpResponse<String> answer = http.send("PUT", BlobHttp.internalUri(node, claimed),
                BlobHttp.body(new GeneratedContent(1000, 5)), TOKEN);
        assertEquals(400, answer.statusCode(), answer.body());
        assertFalse(Files.exists(BlobRoundTripTest.blobFile(node, claimed)));
        assertFalse(Files.exists(BlobRoundTripTest.blobFile(node, new GeneratedContent(1000, 5).sha256())));
    }

    @Test
    void aCallerFromANonMemberAddressIsRefusedWith403() throws IOException {
        BlobHttp foreign = BlobHttp.boundTo(InetAddress.getByName("127.0.0.2"));
        String id = new GeneratedContent(5, 6).sha256();
        HttpResponse<String> answer = foreign.send("GET", BlobHttp.internalUri(node, id), BodyPublishers.noBody(), TOKEN);
        assertEquals(403, answer.statusCode(), answer.body());
        HttpResponse<String> put = foreign.send("PUT", BlobHttp.internalUri(node, id),
                BlobHttp.body(new GeneratedContent(5, 6)), TOKEN);
        assertEquals(403, put.statusCode(), put.body());
        assertFalse(Files.exists(BlobRoundTripTest.blobFile(node, id)));
    }

    private static HttpRequest request(String method, URI uri, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(uri).timeout(BlobHttp.TIMEOUT).method(method, body)
                .header(BlobHttp.TOKEN_HEADER, LocalCluster.TOKEN).build();
    }
}
