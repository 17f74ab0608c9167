package io.confman.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store: the shared {@link BlobStoreContractTest} plus what only files have — the
 * {@code ab/<sha256>} layout, no temp files left by failed puts, cleanup of unfinished writes at
 * open, counters rebuilt at open, corrupt copies detected (before serving and while streaming),
 * quarantined and counted, and a full disk reported as such without breaking the store. Real
 * files in a JUnit temp directory; the disk-full case injects the failure through the temp-writer
 * seam.
 */
class FileBlobStoreTest extends BlobStoreContractTest {

    @TempDir
    Path root;

    @Override
    BlobStore newStore() throws IOException {
        return FileBlobStore.open(root);
    }

    @Test
    void blobLivesUnderItsTwoCharacterPrefixDirectory() throws IOException {
        BlobId id = store.put(TestContent.stream(1, 100), MAX_BYTES).id();

        assertTrue(Files.isRegularFile(root.resolve(id.hex().substring(0, 2)).resolve(id.hex())));
        assertEquals(List.of(), filesIn(root.resolve("tmp")));
    }

    @Test
    void digestMismatchAndTooLargeLeaveNoTempFile() throws IOException {
        BlobId wrong = TestContent.idOf(2, 10);

        assertThrows(BlobDigestMismatchException.class,
                () -> store.put(TestContent.stream(1, 200_000), MAX_BYTES, Optional.of(wrong)));
        assertThrows(BlobTooLargeException.class, () -> store.put(TestContent.stream(1, 200_000), 100_000));

        assertEquals(List.of(), filesIn(root.resolve("tmp")));
        assertEquals(List.of(), store.list());
    }

    @Test
    void openingTheStoreRemovesUnfinishedWrites() throws IOException {
        Files.writeString(root.resolve("tmp").resolve("put-left-by-a-crash.tmp"), "partial");

        FileBlobStore reopened = FileBlobStore.open(root);

        assertEquals(List.of(), filesIn(root.resolve("tmp")));
        assertEquals(List.of(), reopened.list());
    }

    @Test
    void reopeningCountsWhatIsAlreadyHeldAndIgnoresStrayFiles() throws IOException {
        BlobId id = store.put(TestContent.stream(1, 1234), MAX_BYTES).id();
        Files.writeString(root.resolve(id.prefix()).resolve("not-a-blob"), "x");

        FileBlobStore reopened = FileBlobStore.open(root);

        assertEquals(List.of(1L, 1234L, 0L), BlobStoreContractTest.counts(reopened));
        assertEquals(List.of(id), reopened.list());
    }

    @Test
    void modifiedCopyIsCaughtBeforeServingThenQuarantinedAndCounted() throws IOException {
        BlobId id = store.put(TestContent.stream(1, 100_000), MAX_BYTES).id();
        Path file = root.resolve(id.prefix()).resolve(id.hex());
        flipByte(file, 50_000);
        // Coarse file-system clocks can leave the time unchanged by a quick write; move it on so
        // the test is about the stamp changing, as it does for any later modification.
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));

        assertTrue(store.open(id).isEmpty());

        assertFalse(Files.exists(file));
        assertEquals(1, filesIn(root.resolve("quarantine")).size());
        assertEquals(List.of(0L, 0L, 1L), BlobStoreContractTest.counts(store));
        assertFalse(store.exists(id));
    }

    @Test
    void aLargeCopyNotYetVerifiedIsHashedWhileStreamedAndFailsAtItsEnd() throws IOException {
        long size = FileBlobStore.VERIFY_BEFORE_SERVING_MAX_BYTES + 1;
        BlobId id = store.put(TestContent.stream(1, size), MAX_BYTES).id();
        Path file = root.resolve(id.prefix()).resolve(id.hex());
        FileTime before = Files.getLastModifiedTime(file);
        flipByte(file, size - 1);
        Files.setLastModifiedTime(file, before);
        FileBlobStore fresh = FileBlobStore.open(root);

        try (BlobContent content = fresh.open(id).orElseThrow()) {
            InputStream stream = content.stream();
            assertThrows(BlobCorruptException.class, stream::readAllBytes);
        }

        assertFalse(fresh.exists(id));
        assertEquals(1, fresh.stats().corruptionsDetected());
    }

    @Test
    void aWholeReadThatHashedRightVerifiesTheCopyForLaterRanges() throws IOException {
        BlobId id = store.put(TestContent.stream(1, 100_000), MAX_BYTES).id();
        FileBlobStore fresh = FileBlobStore.open(root);
        try (BlobContent content = fresh.open(id).orElseThrow()) {
            assertTrue(TestContent.sameBytes(TestContent.stream(1, 100_000), content.stream()));
        }
        // Changed behind the store's back with the stamp kept: a verified copy is not hashed again.
        Path file = root.resolve(id.prefix()).resolve(id.hex());
        FileTime before = Files.getLastModifiedTime(file);
        flipByte(file, 10);
        Files.setLastModifiedTime(file, before);

        try (BlobContent range = fresh.open(id, 0, 100).orElseThrow()) {
            assertEquals(100, range.stream().readAllBytes().length);
        }
        assertEquals(0, fresh.stats().corruptionsDetected());
    }

    @Test
    void corruptCopyFoundAtOpenTimeIsNeverServedAsARange() throws IOException {
        BlobId id = store.put(TestContent.stream(1, 100_000), MAX_BYTES).id();
        FileBlobStore fresh = FileBlobStore.open(root);
        flipByte(root.resolve(id.prefix()).resolve(id.hex()), 10);

        assertTrue(fresh.open(id, 0, 100).isEmpty());
        assertEquals(1, fresh.stats().corruptionsDetected());
    }

    @Test
    void puttingGoodBytesOverACorruptCopyRepairsIt() throws IOException {
        BlobId id = store.put(TestContent.stream(1, 5000), MAX_BYTES).id();
        flipByte(root.resolve(id.prefix()).resolve(id.hex()), 1);

        PutResult again = store.put(TestContent.stream(1, 5000), MAX_BYTES, Optional.of(id));

        assertFalse(again.created());
        try (BlobContent content = FileBlobStore.open(root).open(id).orElseThrow()) {
            assertTrue(TestContent.sameBytes(TestContent.stream(1, 5000), content.stream()));
        }
    }

    @Test
    void fullDiskIsReportedTheTempIsRemovedAndTheStoreKeepsWorking() throws IOException {
        boolean[] diskFull = {true};
        FileBlobStore store = FileBlobStore.open(root, temp -> {
            TempWriter real = TempWriter.openChannel(temp);
            return new TempWriter() {
                private long written;

                @Override
                public void write(byte[] buffer, int length) throws IOException {
                    written += length;
                    if (diskFull[0] && written > 100_000) {
                        throw new IOException("No space left on device");
                    }
                    real.write(buffer, length);
                }

                @Override
                public void sync() throws IOException {
                    real.sync();
                }

                @Override
                public void close() throws IOException {
                    real.close();
                }
            };
        });

        assertThrows(BlobStoreFullException.class, () -> store.put(TestContent.stream(1, 500_000), MAX_BYTES));
        assertEquals(List.of(), filesIn(root.resolve("tmp")));

        diskFull[0] = false;
        assertTrue(store.put(TestContent.stream(1, 500_000), MAX_BYTES).created());
    }

    @Test
    void aPutThatWouldEatIntoTheReserveIsRefusedAndLeavesNothing() throws IOException {
        BlobId kept = FileBlobStore.open(root).put(TestContent.stream(2, 4000), MAX_BYTES).id();
        long beyondTheDisk = Files.getFileStore(root).getTotalSpace() + 1;
        FileBlobStore reserved = FileBlobStore.open(root, beyondTheDisk);

        var refused = assertThrows(BlobStoreFullException.class,
                () -> reserved.put(TestContent.stream(3, 4000), MAX_BYTES));

        assertTrue(refused.getMessage().contains("blob.reserveFreeBytes"), refused.getMessage());
        assertEquals(List.of(), filesIn(root.resolve("tmp")));
        assertEquals(List.of(kept), reserved.list());
        try (BlobContent content = reserved.open(kept).orElseThrow()) {
            assertTrue(TestContent.sameBytes(TestContent.stream(2, 4000), content.stream()), "reads go on");
        }
        assertTrue(FileBlobStore.open(root, 1).put(TestContent.stream(3, 4000), MAX_BYTES).created());
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.flip();
            one.put(0, (byte) (one.get(0) ^ 0x01));
            channel.write(one, position);
        }
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
