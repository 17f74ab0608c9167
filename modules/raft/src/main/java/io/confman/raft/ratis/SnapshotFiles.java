package io.confman.raft.ratis;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;

/**
 * Finds the newest snapshot file in a state machine directory the way Ratis's {@code
 * SimpleStateMachineStorage} does (files named {@code snapshot.<term>_<index>}, the highest index
 * wins, with the MD5 file beside it if there is one), except that a failure is thrown rather than
 * answered as "no snapshot". Called on the apply thread at start-up and after an install.
 */
final class SnapshotFiles {

    private SnapshotFiles() {
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
