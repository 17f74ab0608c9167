package io.confman.codec.snapshot;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the frame data of a snapshot body and reports end of stream at the empty terminating frame,
 * never reading past it, so the trailer stays unread in the source. A source that ends inside the
 * body, or a frame length out of range, is a {@link DamagedSnapshotException}. Does not close the
 * source. Single-threaded.
 */
final class ChunkedInputStream extends InputStream {

    private final InputStream source;
    private int remainingInFrame;
    private boolean ended;

    ChunkedInputStream(InputStream source) {
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        if (!nextFrameIfNeeded()) {
            return -1;
        }
        int b = source.read();
        if (b < 0) {
            throw truncated();
        }
        remainingInFrame--;
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!nextFrameIfNeeded()) {
            return -1;
        }
        int n = source.read(bytes, offset, Math.min(length, remainingInFrame));
        if (n < 0) {
            throw truncated();
        }
        remainingInFrame -= n;
        return n;
    }

    /** Reads and discards the rest of the body; used to reach the trailer after a parse failure. */
    void drain() throws IOException {
        byte[] scratch = new byte[8192];
        while (read(scratch, 0, scratch.length) >= 0) {
            // discard
        }
    }

    private boolean nextFrameIfNeeded() throws IOException {
        while (remainingInFrame == 0) {
            if (ended) {
                return false;
            }
            byte[] header = source.readNBytes(4);
            if (header.length < 4) {
                throw truncated();
            }
            int length = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
                    | (header[3] & 0xff);
            if (length < 0 || length > SnapshotFormat.CHUNK_MAX_BYTES) {
                throw new DamagedSnapshotException("snapshot frame length " + length + " is out of range: file is damaged");
            }
            if (length == 0) {
                ended = true;
                return false;
            }
            remainingInFrame = length;
        }
        return true;
    }

    static DamagedSnapshotException truncated() {
        return new DamagedSnapshotException("snapshot is truncated: file is damaged");
    }
}
