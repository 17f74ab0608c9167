package io.confman.blob;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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

    /** The production writer: a new file written through a {@link FileChannel}. */
    static TempWriter openChannel(Path temp) throws IOException {
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new TempWriter() {
            @Override
            public void write(byte[] buffer, int length) throws IOException {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, length);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            }

            @Override
            public void sync() throws IOException {
                channel.force(true);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
