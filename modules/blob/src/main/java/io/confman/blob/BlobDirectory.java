package io.confman.blob;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk layout of a file store: {@code <root>/ab/<sha256>} for blobs, {@code <root>/tmp/}
 * for in-flight writes and {@code <root>/quarantine/} for copies found corrupt. Paths are built
 * only from {@link BlobId}s and generated names.
 */
final class BlobDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(BlobDirectory.class);

    private final Path root;
    private final Path temp;
    private final Path quarantine;

    BlobDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.temp = this.root.resolve("tmp");
        this.quarantine = this.root.resolve("quarantine");
    }

    Path root() {
        return root;
    }

    Path temp() {
        return temp;
    }

    /** Creates the directories and deletes what interrupted writes left in {@code tmp/}. */
    void prepare() throws IOException {
        Files.createDirectories(root);
        Files.createDirectories(temp);
        Files.createDirectories(quarantine);
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(temp)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("Removed {} unfinished blob write(s) from {}", removed, temp);
        }
        sync(root);
    }

    Path pathOf(BlobId id) {
        return root.resolve(id.prefix()).resolve(id.hex());
    }

    Path newTempPath() {
        return temp.resolve("put-" + UUID.randomUUID() + ".tmp");
    }

    /** Creates the blob's prefix directory if missing, making its creation durable. */
    void ensurePrefixDirectory(BlobId id) throws IOException {
        Path prefix = root.resolve(id.prefix());
        if (!Files.isDirectory(prefix)) {
            Files.createDirectories(prefix);
            sync(root);
        }
    }

    /** Moves a corrupt copy aside, keeping it for inspection rather than deleting it. */
    void quarantine(BlobId id) throws IOException {
        Path target = quarantine.resolve(id.hex() + "." + System.currentTimeMillis() + "." + UUID.randomUUID());
        Files.move(pathOf(id), target, StandardCopyOption.ATOMIC_MOVE);
        sync(quarantine);
        sync(pathOf(id).getParent());
    }

    /** Every blob file present, skipping stray names; a listing, not a live view. */
    List<BlobId> listIds() throws IOException {
        List<BlobId> ids = new ArrayList<>();
        try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(root, "[0-9a-f][0-9a-f]")) {
            for (Path prefix : prefixes) {
                if (!Files.isDirectory(prefix)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(prefix)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        if (BlobId.isValid(name) && name.startsWith(prefix.getFileName().toString())) {
                            ids.add(new BlobId(name));
                        }
                    }
                }
            }
        }
        return ids;
    }

    /** Makes a directory's entries durable (a no-op where directories cannot be opened). */
    static void sync(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            LOG.debug("Cannot sync directory {} on this platform", directory);
        }
    }
}
