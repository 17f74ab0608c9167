package io.confman.raft.ratis;

import io.confman.raft.SnapshotCapture;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;

/**
 * The snapshot files of a state machine directory. {@link #write} makes one crash-safe; {@link
 * #newest} finds the newest the way Ratis's {@code SimpleStateMachineStorage} does (files named
 * {@code snapshot.<term>_<index>}, the highest index wins, with the MD5 file beside it if there is
 * one), except that a failure is thrown rather than answered as "no snapshot". {@code newest} is
 * called on the apply thread at start-up and after an install, {@code write} on the snapshot thread.
 */
final class SnapshotFiles {
    private static final int STREAM_BUFFER_BYTES = 64 * 1024;
    /** A snapshot being written is flushed to the disk every this many bytes (see {@link SteppedSyncOutputStream}). */
    private static final long SYNC_STEP_BYTES = 32L * 1024 * 1024;

    private SnapshotFiles() {
    }

    /**
     * Writes a frozen state to {@code target}: temp file beside it, synced in steps on {@code
     * syncThread} and at the end, atomic rename, directory fsync. On failure the temp file is
     * removed and {@code target} is left as it was.
     */
    static void write(SnapshotCapture capture, Path target, Executor syncThread) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                SteppedSyncOutputStream synced = new SteppedSyncOutputStream(channel, syncThread, SYNC_STEP_BYTES);
                OutputStream out = new BufferedOutputStream(synced, STREAM_BUFFER_BYTES);
                capture.writeTo(out);
                out.flush();
                synced.syncAndClose();
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the next snapshot overwrites it
            }
            throw e;
        }
    }

    /** The newest snapshot in {@code dir}, or null when it holds none; throws when it cannot be read. */
    static SingleFileSnapshotInfo newest(Path dir) throws IOException {
        Path newest = null;
        long newestTerm = 0;
        long newestIndex = -1;
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Matcher name = SimpleStateMachineStorage.SNAPSHOT_REGEX.matcher(file.getFileName().toString());
                if (name.matches() && Long.parseLong(name.group(2)) > newestIndex) {
                    newest = file;
                    newestTerm = Long.parseLong(name.group(1));
                    newestIndex = Long.parseLong(name.group(2));
                }
            }
        }
        if (newest == null) {
            return null;
        }
        MD5Hash md5;
        try {
            md5 = MD5FileUtil.readStoredMd5ForFile(newest.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException("snapshot " + newest + ": the MD5 file beside it cannot be read: " + e.getMessage());
        }
        return new SingleFileSnapshotInfo(new FileInfo(newest, md5), newestTerm, newestIndex);
    }
}
