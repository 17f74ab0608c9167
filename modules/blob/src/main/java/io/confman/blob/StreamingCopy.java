package io.confman.blob;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The one copy loop behind every put: reads through a fixed-size buffer, hashes, hands each chunk
 * to a sink, and stops as soon as the byte limit is crossed. Nothing grows with the value's size.
 */
final class StreamingCopy {

    /**
     * Size of the buffer each put reads through. Sources such as the web server's request streams
     * hand out a few kilobytes per read; the buffer is filled before it is hashed and written, so
     * a put makes one write call per this many bytes.
     */
    static final int BUFFER_BYTES = 256 * 1024;

    private StreamingCopy() {}

    /** Where the copied bytes go. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] buffer, int length) throws IOException;
    }

    /** The id and size of what was copied. */
    record Copied(BlobId id, long sizeBytes) {

        /**
         * @throws BlobDigestMismatchException the copy did not hash to {@code expected}, when given
         */
        void requireId(Optional<BlobId> expected) throws BlobDigestMismatchException {
            if (expected.isPresent() && !expected.get().equals(id)) {
                throw new BlobDigestMismatchException(expected.get(), id);
            }
        }
    }

    static Copied copy(InputStream in, long maxBytes, Sink sink) throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0: " + maxBytes);
        }
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        int read;
        while ((read = fill(in, buffer)) > 0) {
            total += read;
            if (total > maxBytes) {
                throw new BlobTooLargeException(maxBytes);
            }
            digest.update(buffer, 0, read);
            sink.write(buffer, read);
        }
        return new Copied(Sha256.idOf(digest), total);
    }

    /** Reads until {@code buffer} is full or the stream ends; the count read, 0 at the end. */
    private static int fill(InputStream in, byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read == -1) {
                break;
            }
            filled += read;
        }
        return filled;
    }
}
