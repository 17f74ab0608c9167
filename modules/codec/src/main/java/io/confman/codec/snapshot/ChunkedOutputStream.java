package io.confman.codec.snapshot;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Cuts the snapshot body into frames of exactly {@link SnapshotFormat#CHUNK_MAX_BYTES} (the last one
 * shorter) and ends it with an empty frame. {@link #flush()} never emits a partial frame, so frame
 * boundaries depend on the content only. Does not close the target. Single-threaded.
 */
final class ChunkedOutputStream extends OutputStream {

    private final OutputStream target;
    private final byte[] buffer = new byte[SnapshotFormat.CHUNK_MAX_BYTES];
    private int filled;
    private boolean finished;

    ChunkedOutputStream(OutputStream target) {
        this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        buffer[filled++] = (byte) b;
        if (filled == buffer.length) {
            emitFrame();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureOpen();
        while (length > 0) {
            int n = Math.min(length, buffer.length - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == buffer.length) {
                emitFrame();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }

    /** Emits the last data frame and the terminating empty frame. */
    void finish() throws IOException {
        ensureOpen();
        if (filled > 0) {
            emitFrame();
        }
        writeLength(0);
        finished = true;
    }

    private void emitFrame() throws IOException {
        writeLength(filled);
        target.write(buffer, 0, filled);
        filled = 0;
    }

    private void writeLength(int length) throws IOException {
        target.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
    }

    private void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("snapshot body already finished");
        }
    }
}
