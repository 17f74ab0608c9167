package io.confman.blob;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import org.junit.jupiter.api.Test;

/**
 * The reserve against a file system whose free space the test sets: checked before the first
 * byte, then once per {@link DiskReserve#CHECK_EVERY_BYTES}, so a disk that fills while a large
 * put streams stops it within that many bytes.
 */
class DiskReserveTest {
    private static final long RESERVE = 100L * 1024 * 1024;

    /** Only the free space is real here; a fake for this one class's test. */
    private static final class SettableStore extends FileStore {
        volatile long usable;
        int looks;

        @Override
        public long getUsableSpace() {
            looks++;
            return usable;
        }

        @Override public String name() { return "settable"; }
        @Override public String type() { return "test"; }
        @Override public boolean isReadOnly() { return false; }
        @Override public long getTotalSpace() { return Long.MAX_VALUE; }
        @Override public long getUnallocatedSpace() { return usable; }
        @Override public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) { return false; }
        @Override public boolean supportsFileAttributeView(String name) { return false; }
        @Override public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) { return null; }
        @Override public Object getAttribute(String attribute) { return null; }
    }

    @Test
    void aDiskBelowTheReserveRefusesBeforeTheFirstByte() {
        SettableStore disk = new SettableStore();
        disk.usable = RESERVE - 1;
        var refused = assertThrows(BlobStoreFullException.class, () -> new DiskReserve(disk, RESERVE).track());
        assertTrue(refused.getMessage().contains("below the reserve of " + RESERVE + " (blob.reserveFreeBytes)"),
                refused.getMessage());
    }

    @Test
    void aDiskThatFillsDuringAPutStopsItWithinOneCheckInterval() throws IOException {
        SettableStore disk = new SettableStore();
        disk.usable = RESERVE + 1;
        DiskReserve.Tracker put = new DiskReserve(disk, RESERVE).track();
        long chunk = 64 * 1024;
        for (long written = 0; written + chunk < DiskReserve.CHECK_EVERY_BYTES; written += chunk) {
            assertDoesNotThrow(() -> put.beforeWriting(chunk));
        }
        assertEquals(1, disk.looks, "only the look before the first byte so far");
        disk.usable = RESERVE - 1;
        assertThrows(BlobStoreFullException.class, () -> put.beforeWriting(chunk));
    }
}
