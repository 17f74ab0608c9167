package io.confman.raft.ratis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot file written through the stepped sync holds exactly the bytes written, synced in steps. */
class SteppedSyncOutputStreamTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryByteAndSyncsOncePerStep() throws IOException {
        byte[] content = new byte[10 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        AtomicInteger syncs = new AtomicInteger();
        Executor counting = task -> {
            syncs.incrementAndGet();
            task.run();
        };
        Path file = dir.resolve("snapshot");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            SteppedSyncOutputStream out = new SteppedSyncOutputStream(channel, counting, 1024 * 1024);
            for (int offset = 0; offset < content.length; offset += 64 * 1024) {
                out.write(content, offset, Math.min(64 * 1024, content.length - offset));
            }
            out.syncAndClose();
        }
        assertArrayEquals(content, Files.readAllBytes(file));
        assertEquals(10, syncs.get());
    }

    @Test
    void aFailedStepSyncFailsTheWrite() throws IOException {
        Path file = dir.resolve("snapshot");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            Executor closingFirst = task -> {
                try {
                    channel.close();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                task.run();
            };
            SteppedSyncOutputStream out = new SteppedSyncOutputStream(channel, closingFirst, 1);
            assertThrows(IOException.class, () -> {
                out.write(new byte[8], 0, 8);
                out.syncAndClose();
            });
        }
    }
}
