package io.confman.blob;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Deterministic generated content for tests: any size without holding it in memory, its id
 * computed by streaming, and stream comparison through fixed buffers.
 */
public final class TestContent {

    private TestContent() {}

    /** A stream of {@code size} pseudo-random bytes fixed by {@code seed}. */
    public static InputStream stream(long seed, long size) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < size ? byteAt(seed, position++) : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (length == 0) {
                    return 0;
                }
                if (position >= size) {
                    return -1;
                }
                int count = (int) Math.min(length, size - position);
                for (int i = 0; i < count; i++) {
                    buffer[offset + i] = (byte) byteAt(seed, position++);
                }
                return count;
            }
        };
    }

    /** The byte at {@code position} of content {@code seed}. */
    public static int byteAt(long seed, long position) {
        long mixed = (position + seed * 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        return (int) ((mixed ^ (mixed >>> 29)) >>> 7) & 0xff;
    }

    /** The id of {@code size} bytes of content {@code seed}. */
    public static BlobId idOf(long seed, long size) throws IOException {
        return idOf(stream(seed, size));
    }

    /** Hashes a stream to its end through a fixed buffer. */
    public static BlobId idOf(InputStream in) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) != -1) {
            digest.update(buffer, 0, read);
        }
        return Sha256.idOf(digest);
    }

    /** True when both streams yield the same bytes; reads both to the end. */
    public static boolean sameBytes(InputStream expected, InputStream actual) throws IOException {
        byte[] left = new byte[8192];
        byte[] right = new byte[8192];
        while (true) {
            int leftCount = expected.readNBytes(left, 0, left.length);
            int rightCount = actual.readNBytes(right, 0, right.length);
            if (leftCount != rightCount) {
                return false;
            }
            if (leftCount == 0) {
                return true;
            }
            if (!Arrays.equals(left, 0, leftCount, right, 0, rightCount)) {
                return false;
            }
        }
    }

}
