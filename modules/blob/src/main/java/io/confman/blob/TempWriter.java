package io.confman.blob;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes one in-flight blob to its temp file. A seam so tests can make writes fail the way a full
 * disk does; production uses {@link #openChannel}.
 */
interface TempWriter extends Closeable {

    void write(byte[] buffer, int length) throws IOException;

    /** Forces the written bytes and the file's metadata to the device. */
    void sync() throws IOException;

    /** Opens the temp file a put writes to. */
    @FunctionalInterface
    interface Factory {
        TempWriter open(Path temp) throws IOException;
    }

    /** Bytes written between two background data syncs of a temp file. */
    long SYNC_STEP_BYTES = 8L * 1024 * 1024;

    /**
     * The production writer: a new file written through a {@link FileChannel}, flushed to the disk
     * in steps while it is written (one data sync of {@link #SYNC_STEP_BYTES} at a time, on a
     * shared background thread), so that {@link #sync} finds little left and a large value never
     * leaves hundreds of megabytes dirty for the Raft log's small syncs to queue behind.
     */
    static TempWriter openChannel(Path temp) throws IOException {
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new TempWriter() {
            private long sinceLastStep;
            private CompletableFuture<Void> stepping = CompletableFuture.completedFuture(null);

            @Override
            public void write(byte[] buffer, int length) throws IOException {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, length);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
                sinceLastStep += length;
                if (sinceLastStep >= SYNC_STEP_BYTES && stepping.isDone()) {
                    awaitStep();
                    sinceLastStep = 0;
                    stepping = CompletableFuture.runAsync(() -> {
                        try {
                            channel.force(false);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, StepSyncer.EXECUTOR);
                }
            }

            @Override
            public void sync() throws IOException {
                awaitStep();
                channel.force(true);
            }

            private void awaitStep() throws IOException {
                try {
                    stepping.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while a blob write was synced");
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() instanceof UncheckedIOException unchecked
                            ? unchecked.getCause() : e.getCause();
                    throw cause instanceof IOException io ? io : new IOException("syncing a blob write failed", cause);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    stepping.join();
                } catch (RuntimeException e) {
                    // Already reported by sync(), or the write is being abandoned anyway.
                }
                channel.close();
            }
        };
    }

    /** The daemon thread that runs step syncs of every temp file, one at a time. */
    final class StepSyncer {
        static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "blob-step-sync");
            thread.setDaemon(true);
            return thread;
        });

        private StepSyncer() {
        }
    }
}
