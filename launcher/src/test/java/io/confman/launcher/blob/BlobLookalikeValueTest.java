package io.confman.launcher.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.confman.codec.wire.BlobsView;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An inline value that happens to read {@code "sha256:<64 hex>"} is a string, not a blob
 * reference: after it is overwritten (so that the audit history holds it as an old value) no node
 * counts a blob missing and no reconciler tries to fetch one. Three real nodes on 127.0.0.1 with
 * the reconciler running every 200 ms.
 */
@Timeout(120)
class BlobLookalikeValueTest {
    private static final Duration ELECTION = Duration.ofSeconds(30);
    private static final String LOOKALIKE = "sha256:" + "ab".repeat(32);

    @Test
    void anInlineValueThatReadsLikeABlobReferenceIsNeverCountedMissing() throws InterruptedException {
        try (LocalCluster cluster = LocalCluster.start(3, Map.of("blob.reconcileIntervalMillis", "200"))) {
            BlobHttp http = new BlobHttp();
            Node leader = cluster.awaitLeader(ELECTION);
            for (String value : new String[] {LOOKALIKE, "plain"}) {
                HttpResponse<String> put = http.send("PUT", leader.url("api/v1/namespaces/lookalike/config/k"),
                        BodyPublishers.ofString("{\"value\":\"" + value + "\"}"),
                        Map.of("X-Api-Key", LocalCluster.ADMIN_KEY, "Content-Type", "application/json"));
                assertEquals(200, put.statusCode(), put::body);
            }
            Thread.sleep(2_000); // several reconcile passes on every node
            for (Node node : cluster.nodes()) {
                BlobsView blobs = cluster.health(node).orElseThrow().blobs();
                assertEquals(0, blobs.missing(), node.id() + " counts a blob missing: " + blobs);
                assertFalse(node.log().contains("referenced blob(s) missing"), node.id() + " tried to fetch: "
                        + node.log());
            }
        }
    }
}
