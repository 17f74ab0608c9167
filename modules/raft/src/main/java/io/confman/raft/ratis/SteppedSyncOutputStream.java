package io.confman.raft.ratis;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Writes a large file to a channel and flushes it to the disk in steps while it is still being
 * written: after every {@code stepBytes} a data sync of what is written so far starts on {@code
 * syncer} (one at a time), so the disk works while the writer encodes, and the final {@link
 * #syncAndClose} finds at most a step or two left to flush. Without the steps, a gigabyte of dirty
 * pages would be flushed in one go at the end, doubling the write's duration and queueing the Raft
 * log's own small syncs behind it.
 *
 * <p>Single writer thread. The channel is not closed: the caller owns it.
 */
final class SteppedSyncOutputStream extends OutputStream {

    private final FileChannel channel;
    private final Executor syncer;
    private final long stepBytes;
    private long sinceLastSync;
    private CompletableFuture<Void> syncing = CompletableFuture.completedFuture(null);

    SteppedSyncOutputStream(FileChannel channel, Executor syncer, long stepBytes) {
        if (stepBytes < 1) {
            throw new IllegalArgumentException("stepBytes must be positive: " + stepBytes);
        }
        this.channel = channel;
        this.syncer = syncer;
        this.stepBytes = stepBytes;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        sinceLastSync += length;
        if (sinceLastSync >= stepBytes && syncing.isDone()) {
            failIfSyncFailed();
            sinceLastSync = 0;
            syncing = CompletableFuture.runAsync(() -> {
                try {
                    channel.force(false);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, syncer);
        }
    }

    /** Waits for a step in flight, then makes the whole file and its metadata durable. */
    void syncAndClose() throws IOException {
        failIfSyncFailed();
        channel.force(true);
    }

    private void failIfSyncFailed() throws IOException {
        try {
            syncing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a snapshot step was synced");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException unchecked ? unchecked.getCause() : e.getCause();
            throw cause instanceof IOException io ? io : new IOException("snapshot step sync failed", cause);
        }
    }
}
