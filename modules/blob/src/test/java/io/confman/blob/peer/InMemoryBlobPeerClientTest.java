package io.confman.blob.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.blob.BlobId;
import io.confman.blob.InMemoryBlobStore;
import io.confman.blob.TestContent;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The in-memory peer client keeps the HTTP client's rules: peers tried in order, down peers
 * skipped, failures listed per peer, and pushes judged by the same quorum.
 */
class InMemoryBlobPeerClientTest {

    private static final long MAX_BYTES = 1 << 20;

    private final InMemoryBlobStore local = new InMemoryBlobStore();
    private final InMemoryBlobStore second = new InMemoryBlobStore();
    private final InMemoryBlobStore third = new InMemoryBlobStore();
    private final InMemoryBlobPeerClient client = new InMemoryBlobPeerClient(local, MAX_BYTES);
    private final List<Peer> peers = List.of(Peer.of("node2", "http://node2/"), Peer.of("node3", "http://node3/"));

    @Test
    void fetchCopiesFromTheFirstReachablePeerHoldingTheBlob() throws IOException {
        client.connect("node3", third);
        BlobId id = third.put(TestContent.stream(1, 70_000), MAX_BYTES).id();

        assertTrue(client.fetch(id, peers).created());
        assertTrue(local.exists(id));
    }

    @Test
    void fetchFailsListingDownAndEmptyPeers() {
        client.connect("node2", second);

        var failure = assertThrows(BlobFetchException.class, () -> client.fetch(TestContent.idOf(1, 1), peers));

        assertEquals(List.of(new PeerFailure("node2", "HTTP 404"), new PeerFailure("node3", "connection refused")),
                failure.failures());
    }

    @Test
    void pushSucceedsAtQuorumAndFailsWhenTooFewPeersAreUp() throws Exception {
        BlobId id = local.put(TestContent.stream(2, 1000), MAX_BYTES).id();
        client.connect("node2", second);

        assertEquals(List.of("node2"), client.push(id, peers, 1, Duration.ofSeconds(1)).get().confirmedPeerIds());
        var failure = assertThrows(ExecutionException.class, () -> client.push(id, peers, 2, Duration.ofSeconds(1)).get());
        assertInstanceOf(BlobPushException.class, failure.getCause());
        assertTrue(second.exists(id));
    }
}
