package io.confman.web.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a blob stream to a response with a fixed-size buffer, never holding more than two
 * buffers of it in memory.
 *
 * <p>The last chunk is held back until the source reports its end: a whole-blob stream checks the
 * hash there and throws when the bytes were wrong, so a corrupt copy never reaches the client
 * complete; the client sees a body shorter than its {@code Content-Length} instead.
 */
final class ResponseStreams {
    static final int BUFFER_BYTES = 256 * 1024;

    private ResponseStreams() {
    }

    /** Copies all of {@code in} to {@code out}; returns the bytes copied. Closes neither. */
    static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] pending = new byte[BUFFER_BYTES];
        byte[] next = new byte[BUFFER_BYTES];
        int pendingLength = in.readNBytes(pending, 0, pending.length);
        long copied = 0;
        while (pendingLength > 0) {
            // Reads up to a full buffer; a short count means the end (and its hash check) was reached.
            int nextLength = in.readNBytes(next, 0, next.length);
            out.write(pending, 0, pendingLength);
            copied += pendingLength;
            byte[] swap = pending;
            pending = next;
            next = swap;
            pendingLength = nextLength;
        }
        return copied;
    }
}
