package io.confman.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * An open read of a blob, or of a range of it: a stream of {@link #lengthBytes} bytes starting at
 * {@link #offset}, plus the blob's full {@link #sizeBytes}. The caller closes it (which closes the
 * stream), on the thread that reads it; it is not thread-safe. A full read of a copy the store has
 * not verified yet is hashed while streaming, and its stream throws {@link BlobCorruptException}
 * at the end if the bytes were wrong.
 */
public final class BlobContent implements AutoCloseable {

    private final BlobId id;
    private final long sizeBytes;
    private final long offset;
    private final long lengthBytes;
    private final InputStream stream;

    public BlobContent(BlobId id, long sizeBytes, long offset, long lengthBytes, InputStream stream) {
        if (offset < 0 || lengthBytes < 0 || offset + lengthBytes > sizeBytes) {
            throw new IllegalArgumentException("range outside the blob");
        }
        this.id = id;
        this.sizeBytes = sizeBytes;
        this.offset = offset;
        this.lengthBytes = lengthBytes;
        this.stream = stream;
    }

    public BlobId id() {
        return id;
    }

    /** The whole blob's size, whatever range was opened. */
    public long sizeBytes() {
        return sizeBytes;
    }

    public long offset() {
        return offset;
    }

    /** How many bytes {@link #stream} yields. */
    public long lengthBytes() {
        return lengthBytes;
    }

    /** Whether this read covers the whole blob. */
    public boolean isWhole() {
        return offset == 0 && lengthBytes == sizeBytes;
    }

    public InputStream stream() {
        return stream;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
