package io.confman.blob;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Space a put must leave free on the store's file system. Blobs share the disk with the Raft log,
 * and a log that cannot grow stops the node; so, like etcd's space quota, a put is refused (and
 * its partial file removed) before the disk is full rather than when it is. Usable space is asked
 * of the file system before the first byte and again after every {@link #CHECK_EVERY_BYTES}.
 */
final class DiskReserve {
    /** How many bytes a put writes between two looks at the free space (one statvfs each). */
    static final long CHECK_EVERY_BYTES = 8L * 1024 * 1024;

    private final FileStore fileStore;
    private final long reserveBytes;

    /** A reserve of {@code reserveBytes} on {@code fileStore} (0: none). */
    DiskReserve(FileStore fileStore, long reserveBytes) {
        this.fileStore = Objects.requireNonNull(fileStore, "fileStore");
        this.reserveBytes = reserveBytes;
    }

    /** The reserve of the file system holding {@code root}; none (never refuses) when {@code reserveBytes} is 0. */
    static DiskReserve of(Path root, long reserveBytes) throws IOException {
        if (reserveBytes < 0) {
            throw new IllegalArgumentException("reserve must not be negative: " + reserveBytes);
        }
        return new DiskReserve(Files.getFileStore(root), reserveBytes);
    }

    long reserveBytes() {
        return reserveBytes;
    }

    /** Usable space on the disk now, or -1 when it cannot be told. */
    long usableBytes() {
        try {
            return fileStore.getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** A fresh tracker for one put: feed it every chunk before writing the chunk. */
    Tracker track() throws IOException {
        Tracker tracker = new Tracker();
        tracker.check();
        return tracker;
    }

    final class Tracker {
        private long sinceCheck;

        void beforeWriting(long bytes) throws IOException {
            sinceCheck += bytes;
            if (sinceCheck >= CHECK_EVERY_BYTES) {
                sinceCheck = 0;
                check();
            }
        }

        private void check() throws IOException {
            if (reserveBytes == 0) {
                return;
            }
            long usable = fileStore.getUsableSpace();
            if (usable < reserveBytes) {
                throw new BlobStoreFullException("only " + usable + " bytes are free on the disk of the blob store, "
                        + "below the reserve of " + reserveBytes + " (blob.reserveFreeBytes)");
            }
        }
    }
}
