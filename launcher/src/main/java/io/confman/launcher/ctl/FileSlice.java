package io.confman.launcher.ctl;

import io.confman.blob.BoundedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code length} bytes of a file from {@code offset} on, as a stream that ends there. */
final class FileSlice {

    private FileSlice() {
    }

    /** Opens the slice; an unreadable file is an unchecked failure (the callers are body suppliers). */
    static InputStream open(Path file, long offset, long length) {
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(offset);
            return new BoundedInputStream(in, length);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }
}
