package io.confman.raft.ratis;

import io.confman.raft.node.Member;
import io.confman.raft.node.RaftSettings;
import io.confman.raft.node.StartupRefusedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The group id and member list a node's storage was formatted with, kept beside the Ratis
 * storage. A node configured with another group refuses to start: silently joining a different
 * group is how clusters lose their leader for good. The member list is kept for the record only:
 * after the first start the Raft configuration is the truth (members change at run time), and a
 * node whose configured list differs says so in one line (see {@code RatisClusterNode}).
 */
final class MembershipRecord {
    static final String FILE_NAME = "confman-membership.txt";

    private MembershipRecord() {
    }

    /** Refuses when a stored record disagrees with {@code settings}. */
    static void verify(RaftSettings settings) throws IOException {
        Path file = settings.storageDir().resolve(FILE_NAME);
        if (!Files.exists(file)) {
            throw new StartupRefusedException("storage " + settings.storageDir() + " holds Raft data but no "
                    + FILE_NAME + ": it was not formatted by Confman; wipe it to rejoin");
        }
        List<String> stored = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> expected = lines(settings);
        if (!stored.isEmpty() && !stored.getFirst().equals(expected.getFirst())) {
            throw new StartupRefusedException("stored Raft group (" + stored.getFirst() + ") differs from configured "
                    + expected.getFirst() + " in " + settings.storageDir()
                    + ": restore cluster.groupId or wipe the node's data to rejoin");
        }
    }

    /** Deletes {@code dir} and everything under it (absent is fine). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Writes the record for a freshly formatted node (temp file, fsync, atomic rename). */
    static void record(RaftSettings settings) throws IOException {
        Files.createDirectories(settings.storageDir());
        Path file = settings.storageDir().resolve(FILE_NAME);
        Path tmp = settings.storageDir().resolve(FILE_NAME + ".tmp");
        try (var channel = java.nio.channels.FileChannel.open(tmp,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(
                    (String.join("\n", lines(settings)) + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<String> lines(RaftSettings settings) {
        List<String> lines = new ArrayList<>();
        lines.add("group=" + settings.groupId());
        settings.members().stream().map(Member::describe).sorted().forEach(lines::add);
        return lines;
    }
}
