package io.confman.blob;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Streams a whole blob while hashing it; at the end of the stream, if the bytes did not hash to
 * the id (or were not the expected count), it reports the corruption once and throws {@link
 * BlobCorruptException} instead of returning end-of-stream; if they did, it says so once. {@code skip} reads through the bytes so
 * the hash stays complete; mark/reset are not supported.
 */
final class VerifyingInputStream extends FilterInputStream {

    /** Told once when the streamed bytes turn out wrong (quarantines and counts). */
    @FunctionalInterface
    interface CorruptionListener {
        void corrupt(BlobId id) throws IOException;
    }

    private final BlobId id;
    private final long expectedBytes;
    private final CorruptionListener listener;
    private final Runnable verified;
    private final MessageDigest digest = Sha256.newDigest();
    private long seenBytes;
    private boolean checked;

    VerifyingInputStream(InputStream in, BlobId id, long expectedBytes, CorruptionListener listener) {
        this(in, id, expectedBytes, listener, () -> { });
    }

    /** @param verified run once when the whole stream was read and hashed to the id */
    VerifyingInputStream(InputStream in, BlobId id, long expectedBytes, CorruptionListener listener, Runnable verified) {
        super(in);
        this.id = id;
        this.expectedBytes = expectedBytes;
        this.listener = listener;
        this.verified = verified;
    }

    @Override
    public int read() throws IOException {
        int value = super.read();
        if (value == -1) {
            checkAtEnd();
        } else {
            digest.update((byte) value);
            seenBytes++;
        }
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read == -1) {
            checkAtEnd();
        } else {
            digest.update(buffer, offset, read);
            seenBytes += read;
        }
        return read;
    }

    @Override
    public long skip(long count) throws IOException {
        byte[] scratch = new byte[(int) Math.min(StreamingCopy.BUFFER_BYTES, Math.max(count, 1))];
        long skipped = 0;
        while (skipped < count) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, count - skipped));
            if (read == -1) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void checkAtEnd() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        BlobId actual = Sha256.idOf(digest);
        if (seenBytes != expectedBytes || !actual.equals(id)) {
            listener.corrupt(id);
            throw new BlobCorruptException(id,
                    "streamed " + seenBytes + " bytes hashing to " + actual + " (expected " + expectedBytes + ")");
        }
        verified.run();
    }
}
