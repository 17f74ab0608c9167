package io.confman.blob.peer;

import io.confman.blob.FileBlobStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the HTTP peer client's tests share: a real file store on this side, the client under test
 * with a 5 s request timeout, and fake peers that are closed after each test.
 */
abstract class FakePeerFixture {
    static final String TOKEN = "cluster-secret";
    static final long MAX_BYTES = 64L * 1024 * 1024;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path root;

    FileBlobStore local;
    HttpBlobPeerClient client;
    private final List<FakePeer> fakes = new ArrayList<>();

    @BeforeEach
    void openClient() throws IOException {
        local = FileBlobStore.open(root);
        client = new HttpBlobPeerClient(local, TOKEN, MAX_BYTES, REQUEST_TIMEOUT);
    }

    @AfterEach
    void closeClientAndPeers() {
        client.close();
        fakes.forEach(FakePeer::close);
    }

    FakePeer fake(String id) throws IOException {
        FakePeer fake = new FakePeer(id);
        fakes.add(fake);
        return fake;
    }
}
