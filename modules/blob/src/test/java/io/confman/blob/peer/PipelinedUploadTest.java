package io.confman.blob.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.blob.BlobContent;
import io.confman.blob.BlobDigestMismatchException;
import io.confman.blob.BlobId;
import io.confman.blob.BlobTooLargeException;
import io.confman.blob.TestContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpBlobPeerClient#storeAndPush}: one pass over the bytes into the local file store and
 * to fake peers' {@code POST /internal/blobs}; copies count only with the same id; lagging,
 * failing, dying and old peers; nothing left behind when the write fails.
 */
class PipelinedUploadTest extends FakePeerFixture {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private ReplicatedPut upload(long seed, long size, int needed, FakePeer... peers) throws IOException {
        return client.storeAndPush(TestContent.stream(seed, size), MAX_BYTES, Optional.empty(),
                Stream.of(peers).map(FakePeer::peer).toList(), needed, TIMEOUT);
    }

    @Test
    void theBodyGoesToEveryPeerInTheSamePassAndEachCopyIsCounted() throws IOException {
        FakePeer second = fake("node2");
        FakePeer third = fake("node3");

        try (ReplicatedPut put = upload(1, 3_000_000, 2, second, third)) {
            BlobId id = put.put().result().id();
            assertEquals(TestContent.idOf(1, 3_000_000), id);
            assertEquals(List.of("node2", "node3"), put.confirmedPeerIds().stream().sorted().toList());
            assertTrue(local.isPinned(id), "the local copy stays pinned until the caller closes it");
            for (FakePeer peer : List.of(second, third)) {
                assertEquals(1, peer.uploads.get());
                assertEquals(0, peer.puts.get(), "no second pass from the stored file");
                assertEquals(List.of(TOKEN), peer.tokens);
                try (BlobContent copy = peer.store.open(id).orElseThrow()) {
                    assertTrue(TestContent.sameBytes(TestContent.stream(1, 3_000_000), copy.stream()));
                }
            }
        }
        assertEquals(List.of(), tempFiles());
    }

    @Test
    void aCopyStoredUnderAnotherIdIsNotCountedAndTheStoredCopyIsPushedInstead() throws IOException {
        FakePeer liar = fake("node2");
        liar.answerWrongId = true;

        try (ReplicatedPut put = upload(2, 500_000, 1, liar)) {
            assertEquals(List.of("node2"), put.confirmedPeerIds());
            assertEquals(1, liar.puts.get(), "the copy counted is the one pushed by id, which the peer verifies");
        }
    }

    @Test
    void aPeerWithoutPipelinedUploadsGetsTheStoredCopy() throws IOException {
        FakePeer old = fake("node2");
        old.uploadStatusOverride = 404;

        try (ReplicatedPut put = upload(3, 200_000, 1, old)) {
            assertEquals(List.of("node2"), put.confirmedPeerIds());
            assertTrue(old.store.exists(put.put().result().id()));
        }
    }

    @Test
    void aLaggingPeerIsDroppedInsteadOfSlowingTheOthersAndGetsItsCopyLater() throws Exception {
        FakePeer slow = fake("node2");
        slow.uploadReadDelayMillis = 200;
        FakePeer fast = fake("node3");
        long size = 40L * 1024 * 1024;
        long started = System.nanoTime();

        try (ReplicatedPut put = upload(4, size, 1, slow, fast)) {
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // The slow peer reads 64 KiB per 200 ms: 40 MiB would take it over two minutes.
            assertTrue(tookMillis < 30_000, "took " + tookMillis + " ms");
            assertEquals(List.of("node3"), put.confirmedPeerIds());
            BlobId id = put.put().result().id();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!slow.store.exists(id) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(slow.store.exists(id), "the dropped peer is sent the stored copy afterwards");
        }
    }

    @Test
    void whenTheOnlyPeerDiesMidUploadTheWriteFailsAndLeavesNoTempFile() throws IOException {
        FakePeer dying = fake("node2");
        dying.dieAfterUploadBytes = 1_000_000;

        BlobPushException failure = assertThrows(BlobPushException.class, () -> upload(5, 8_000_000, 1, dying));

        assertEquals(1, failure.copiesNeeded());
        assertEquals(List.of(), tempFiles());
        assertEquals(List.of(), dying.store.list());
        BlobId id = TestContent.idOf(5, 8_000_000);
        assertFalse(local.isPinned(id), "a failed write releases its pin");
    }

    @Test
    void aBodyOverTheLimitStopsThePeersAndStoresNothing() throws Exception {
        FakePeer peer = fake("node2");

        assertThrows(BlobTooLargeException.class, () -> client.storeAndPush(TestContent.stream(6, 3_000_000),
                1_000_000, Optional.empty(), List.of(peer.peer()), 1, TIMEOUT));

        assertEquals(List.of(), tempFiles());
        assertEquals(List.of(), local.list());
        Thread.sleep(300);
        assertEquals(List.of(), peer.store.list());
    }

    @Test
    void aSinglePeerThatFailsAtOnceFailsTheWriteWithItsReason() throws IOException {
        FakePeer full = fake("node2");
        full.uploadStatusOverride = 507;
        full.putStatusOverride = 507;

        BlobPushException failure = assertThrows(BlobPushException.class, () -> upload(7, 100_000, 1, full));

        assertTrue(failure.failures().stream().anyMatch(f -> f.reason().equals("HTTP 507")), failure.failures()::toString);
    }

    @Test
    void anAnnouncedIdGoesToThePeersWhichRefuseOtherBytesThemselves() throws IOException {
        FakePeer peer = fake("node2");
        BlobId wrong = TestContent.idOf(99, 10);

        assertThrows(BlobDigestMismatchException.class, () -> client.storeAndPush(TestContent.stream(9, 300_000),
                MAX_BYTES, Optional.of(wrong), List.of(peer.peer()), 1, TIMEOUT));
        assertEquals(List.of(), peer.store.list());
        assertEquals(List.of(), local.list());

        BlobId right = TestContent.idOf(9, 300_000);
        try (ReplicatedPut put = client.storeAndPush(TestContent.stream(9, 300_000), MAX_BYTES, Optional.of(right),
                List.of(peer.peer()), 1, TIMEOUT)) {
            assertEquals(List.of("node2"), put.confirmedPeerIds());
        }
        assertEquals(0, peer.uploads.get(), "sent to the id's own address");
        assertTrue(peer.store.exists(right));
    }

    @Test
    void needingNoCopiesStoresLocallyOnly() throws IOException {
        FakePeer peer = fake("node2");
        try (ReplicatedPut put = upload(8, 10_000, 0, peer)) {
            assertEquals(List.of(), put.confirmedPeerIds());
            assertTrue(local.exists(put.put().result().id()));
        }
        assertEquals(0, peer.uploads.get());
    }

    private List<Path> tempFiles() throws IOException {
        Path tmp = root.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.toList();
        }
    }
}
