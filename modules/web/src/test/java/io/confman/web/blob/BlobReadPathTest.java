package io.confman.web.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confman.blob.BlobContent;
import io.confman.blob.BlobId;
import io.confman.blob.BlobStore;
import io.confman.blob.InMemoryBlobStore;
import io.confman.blob.PutResult;
import io.confman.blob.peer.InMemoryBlobPeerClient;
import io.confman.blob.peer.Peer;
import io.confman.codec.model.BlobRef;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The read path's answers when this node lacks a good copy, with in-memory twins of the local
 * store and of the peers: a copy fetched from a peer is served; no copy anywhere, or a fetched copy
 * that is gone or corrupt by the time it is opened, is a retryable 503, never a 500.
 */
class BlobReadPathTest {
    private static final long MAX_BYTES = 1 << 20;
    private static final byte[] VALUE = "the value".getBytes(StandardCharsets.UTF_8);
    private static final List<Peer> PEERS = List.of(new Peer("node2", URI.create("http://127.0.0.1:1/")));

    private final InMemoryBlobStore peerStore = new InMemoryBlobStore();

    @Test
    void aCopyFetchedFromAPeerIsServed() throws IOException {
        BlobRef ref = storeOnPeer();
        BlobReadPath path = readPath(new InMemoryBlobStore());
        try (InputStream in = path.open(ref)) {
            assertArrayEquals(VALUE, in.readAllBytes());
        }
    }

    @Test
    void noPeerWithACopyIsA503() throws IOException {
        BlobRef ref = storeOnPeer();
        peerStore.delete(BlobId.of(ref.sha256()));
        assertUnavailable(readPath(new InMemoryBlobStore()), ref);
    }

    @Test
    void aFetchedCopyThatIsGoneOrCorruptWhenOpenedIsA503() throws IOException {
        BlobRef ref = storeOnPeer();
        assertUnavailable(readPath(losingEveryCopy(new InMemoryBlobStore())), ref);
    }

    private static void assertUnavailable(BlobReadPath path, BlobRef ref) {
        ApiException e = assertThrows(ApiException.class, () -> path.open(ref).close());
        assertEquals(ProblemType.BLOB_UNAVAILABLE, e.type());
        assertEquals(503, e.type().status().code());
        assertEquals(true, e.type().retryable(), "a 503 tells the client to retry");
    }

    private BlobRef storeOnPeer() throws IOException {
        PutResult stored = peerStore.put(new ByteArrayInputStream(VALUE), MAX_BYTES);
        return new BlobRef(stored.id().hex(), stored.sizeBytes(), "text/plain");
    }

    private BlobReadPath readPath(BlobStore local) {
        InMemoryBlobPeerClient peers = new InMemoryBlobPeerClient(local, MAX_BYTES);
        peers.connect("node2", peerStore);
        return new BlobReadPath(local, peers, () -> PEERS);
    }

    /**
     * A store that keeps what is put into it but never opens a copy, as when a fetched copy is
     * quarantined or removed between the fetch and the read.
     */
    private static BlobStore losingEveryCopy(BlobStore store) {
        return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("open") && method.getReturnType() == Optional.class) {
                        return Optional.<BlobContent>empty();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
