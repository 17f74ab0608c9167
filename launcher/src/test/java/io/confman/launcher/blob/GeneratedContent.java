package io.confman.launcher.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A deterministic pseudo-random value of any size, produced as a stream so that no test ever holds
 * a value in memory: the same (size, seed) always yields the same bytes, so a test can upload a
 * value and later hash it again (or a slice of it) to compare with what a node served.
 */
record GeneratedContent(long sizeBytes, long seed) {
    private static final int CHUNK_BYTES = 64 * 1024;

    /** A fresh stream of the whole value. */
    InputStream open() {
        return new InputStream() {
            private final SplittableRandom random = new SplittableRandom(seed);
            private final byte[] chunk = new byte[CHUNK_BYTES];
            private int chunkPosition = CHUNK_BYTES;
            private long remaining = sizeBytes;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (remaining == 0) {
                    return -1;
                }
                if (chunkPosition == CHUNK_BYTES) {
                    random.nextBytes(chunk);
                    chunkPosition = 0;
                }
                int n = (int) Math.min(Math.min(length, CHUNK_BYTES - chunkPosition), remaining);
                System.arraycopy(chunk, chunkPosition, buffer, offset, n);
                chunkPosition += n;
                remaining -= n;
                return n;
            }
        };
    }

    /** Lowercase hex SHA-256 of the whole value. */
    String sha256() {
        return sha256(0, sizeBytes);
    }

    /** Lowercase hex SHA-256 of {@code length} bytes from {@code offset}. */
    String sha256(long offset, long length) {
        try (InputStream in = open()) {
            in.skipNBytes(offset);
            MessageDigest digest = newDigest();
            byte[] buffer = new byte[CHUNK_BYTES];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                digest.update(buffer, 0, n);
                left -= n;
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
