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
 * storage. A node whose configuration disagrees with what its storage belongs to refuses to
 * start: silently joining a different group, or running with a member list its peers do not
 * share, is how clusters lose their leader for good.
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
        if (!stored.equals(expected)) {
            throw new StartupRefusedException("stored member list " + stored.subList(1, stored.size())
                    + " differs from configured cluster.members " + expected.subList(1, expected.size())
                    + ": every node must use the member list the cluster was formatted with"
                    + " (or wipe " + settings.storageDir() + " and re-create the whole cluster)");
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
