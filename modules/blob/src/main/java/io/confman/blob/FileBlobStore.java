package io.confman.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blob store on disk: {@code <root>/ab/<sha256>}, one file per blob.
 *
 * <p>A put writes a new file in {@code <root>/tmp/} while hashing, forces it to the device, renames
 * it into place atomically and syncs the directory; a put of content already held replaces the
 * old copy with the fresh one (same bytes by construction), so a put always leaves a known-good
 * copy. Unfinished writes are deleted when the store is opened.
 *
 * <p>A copy is verified once per file version ({@link FileStamp}: size, modification time, file
 * key), so a file changed in place is checked again; a verified copy is served without hashing.
 * An unverified copy is hashed before it is served, except for the whole read of a large one,
 * which is hashed while it streams (its end fails if the bytes were wrong), so even a multi-GiB
 * first read starts at once. Copies this store wrote itself start verified. A corrupt copy is moved to {@code
 * <root>/quarantine/}, logged and counted. A write in progress pins its expected id, and pins its
 * actual id before the rename makes it visible. All methods are thread-safe (see {@link
 * BlobStore}).
 */
public final class FileBlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);
    private static final String DISK_FULL_MESSAGE = "No space left on device";
    /**
     * Unverified copies up to this size are hashed before a whole read is served (a few ms);
     * larger ones are hashed while they stream, so the first byte of a multi-GiB read does not
     * wait for a pass over the whole file.
     */
    static final long VERIFY_BEFORE_SERVING_MAX_BYTES = 16L * 1024 * 1024;

    private final BlobDirectory directory;
    private final TempWriter.Factory writers;
    private final DiskReserve reserve;
    private final PinRegistry pins = new PinRegistry();
    private final ConcurrentHashMap<BlobId, FileStamp> verified = new ConcurrentHashMap<>();
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong corruptions = new AtomicLong();

    private FileBlobStore(BlobDirectory directory, TempWriter.Factory writers, DiskReserve reserve) {
        this.directory = directory;
        this.writers = writers;
        this.reserve = reserve;
    }

    /** Opens (creating if needed) the store under {@code root}, removing unfinished writes. */
    public static FileBlobStore open(Path root) throws IOException {
        return open(root, 0);
    }

    /**
     * Opens the store under {@code root}; puts that would leave fewer than {@code reserveFreeBytes}
     * free on its disk are refused with {@link BlobStoreFullException} (0: no reserve).
     */
    public static FileBlobStore open(Path root, long reserveFreeBytes) throws IOException {
        return open(root, reserveFreeBytes, TempWriter::openChannel);
    }

    static FileBlobStore open(Path root, TempWriter.Factory writers) throws IOException {
        return open(root, 0, writers);
    }

    static FileBlobStore open(Path root, long reserveFreeBytes, TempWriter.Factory writers) throws IOException {
        BlobDirectory directory = new BlobDirectory(root);
        directory.prepare();
        FileBlobStore store = new FileBlobStore(directory, writers, DiskReserve.of(directory.root(), reserveFreeBytes));
        for (BlobId id : store.directory.listIds()) {
            Optional<BasicFileAttributes> attributes = attributesOf(store.directory.pathOf(id));
            if (attributes.isPresent()) {
                store.count.incrementAndGet();
                store.bytes.addAndGet(attributes.get().size());
            }
        }
        LOG.info("Blob store at {} holds {} blob(s), {} bytes", root, store.count.get(), store.bytes.get());
        return store;
    }

    /** The directory this store lives in. */
    public Path root() {
        return directory.root();
    }

    @Override
    public PutResult put(InputStream in, long maxBytes, Optional<BlobId> expected) throws IOException {
        try (PinnedPut pinned = putPinned(in, maxBytes, expected)) {
            return pinned.result();
        }
    }

    @Override
    public PinnedPut putPinned(InputStream in, long maxBytes, Optional<BlobId> expected) throws IOException {
        Objects.requireNonNull(in, "in");
        BlobPin expectedPin = expected.map(pins::pin).orElse(null);
        Path temp = directory.newTempPath();
        try {
            StreamingCopy.Copied copied;
            DiskReserve.Tracker space = reserve.track();
            try (TempWriter writer = writers.open(temp)) {
                copied = StreamingCopy.copy(in, maxBytes, (buffer, length) -> {
                    space.beforeWriting(length);
                    writer.write(buffer, length);
                });
                writer.sync();
            }
            copied.requireId(expected);
            BlobPin pin = pins.pin(copied.id());
            try {
                boolean created = pins.locked(copied.id(), () -> publish(temp, copied));
                return new PinnedPut(new PutResult(copied.id(), copied.sizeBytes(), created), pin);
            } catch (IOException | RuntimeException e) {
                pin.close();
                throw e;
            }
        } catch (BlobStoreFullException e) {
            LOG.warn("Blob put refused: {}", e.getMessage());
            throw e;
        } catch (BlobException e) {
            throw e;
        } catch (IOException e) {
            if (isDiskFull(e)) {
                LOG.warn("Blob put failed: disk full under {}", directory.root());
                throw new BlobStoreFullException(e);
            }
            throw e;
        } finally {
            deleteQuietly(temp);
            if (expectedPin != null) {
                expectedPin.close();
            }
        }
    }

    /** Renames a finished temp file into place; runs under the id's lock. True if it was new. */
    private boolean publish(Path temp, StreamingCopy.Copied copied) throws IOException {
        BlobId id = copied.id();
        Path target = directory.pathOf(id);
        directory.ensurePrefixDirectory(id);
        Optional<BasicFileAttributes> before = attributesOf(target);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        BlobDirectory.sync(target.getParent());
        verified.put(id, FileStamp.of(Files.readAttributes(target, BasicFileAttributes.class)));
        if (before.isEmpty()) {
            count.incrementAndGet();
            bytes.addAndGet(copied.sizeBytes());
        } else {
            bytes.addAndGet(copied.sizeBytes() - before.get().size());
        }
        return before.isEmpty();
    }

    @Override
    public Optional<BlobContent> open(BlobId id, long offset, long length) throws IOException {
        ReadRange.requireNonNegative(offset, length);
        Path path = directory.pathOf(id);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            FileStamp stamp = FileStamp.of(Files.readAttributes(path, BasicFileAttributes.class));
            long size = channel.size();
            long rangeLength = ReadRange.lengthWithin(id, size, offset, length);
            boolean whole = offset == 0 && rangeLength == size;
            boolean known = stamp.equals(verified.get(id));
            if (!known && (!whole || size <= VERIFY_BEFORE_SERVING_MAX_BYTES)) {
                // A part cannot be checked on its own, and a small copy is checked in a moment:
                // hashed whole before it is served, so a bad copy is never begun.
                if (!hashMatches(channel, id)) {
                    channel.close();
                    quarantine(id, stamp, "hash check before serving");
                    return Optional.empty();
                }
                verified.put(id, stamp);
                known = true;
            }
            channel.position(offset);
            InputStream stream = new BoundedInputStream(Channels.newInputStream(channel), rangeLength);
            if (!known) {
                stream = new VerifyingInputStream(stream, id, size,
                        corruptId -> quarantine(corruptId, stamp, "hash check while streaming"),
                        () -> verified.put(id, stamp));
            }
            return Optional.of(new BlobContent(id, size, offset, rangeLength, stream));
        } catch (NoSuchFileException e) {
            channel.close();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static boolean hashMatches(FileChannel channel, BlobId id) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        ByteBuffer buffer = ByteBuffer.allocate(StreamingCopy.BUFFER_BYTES);
        long position = 0;
        int read;
        while ((read = channel.read(buffer, position)) != -1) {
            buffer.flip();
            digest.update(buffer);
            buffer.clear();
            position += read;
        }
        return Sha256.idOf(digest).equals(id);
    }

    /**
     * Moves the copy described by {@code stamp} to quarantine, unless it has since been replaced
     * (a put of good bytes may have landed meanwhile). Counted either way: a corrupt copy was seen.
     */
    private void quarantine(BlobId id, FileStamp stamp, String how) throws IOException {
        corruptions.incrementAndGet();
        LOG.warn("Blob {} failed its {}; moving it to quarantine so it is fetched again", id, how);
        pins.locked(id, () -> {
            Optional<BasicFileAttributes> current = attributesOf(directory.pathOf(id));
            if (current.isPresent() && Objects.equals(current.get().fileKey(), stamp.fileKey())) {
                directory.quarantine(id);
                verified.remove(id);
                count.decrementAndGet();
                bytes.addAndGet(-current.get().size());
            }
            return null;
        });
    }

    @Override
    public Optional<BlobInfo> info(BlobId id) throws IOException {
        return attributesOf(directory.pathOf(id))
                .map(attributes -> new BlobInfo(id, attributes.size(), attributes.lastModifiedTime().toInstant()));
    }

    @Override
    public DeleteOutcome delete(BlobId id) throws IOException {
        return pins.locked(id, () -> {
            if (pins.isPinned(id)) {
                return DeleteOutcome.PINNED;
            }
            Path path = directory.pathOf(id);
            Optional<BasicFileAttributes> attributes = attributesOf(path);
            if (attributes.isEmpty() || !Files.deleteIfExists(path)) {
                return DeleteOutcome.ABSENT;
            }
            BlobDirectory.sync(path.getParent());
            verified.remove(id);
            count.decrementAndGet();
            bytes.addAndGet(-attributes.get().size());
            return DeleteOutcome.DELETED;
        });
    }

    @Override
    public BlobPin pin(BlobId id) {
        return pins.pin(Objects.requireNonNull(id, "id"));
    }

    @Override
    public boolean isPinned(BlobId id) {
        return pins.isPinned(id);
    }

    @Override
    public List<BlobId> list() throws IOException {
        return directory.listIds();
    }

    @Override
    public BlobStats stats() {
        return new BlobStats(count.get(), bytes.get(), corruptions.get(), reserve.usableBytes(), reserve.reserveBytes());
    }

    private static Optional<BasicFileAttributes> attributesOf(Path path) throws IOException {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static boolean isDiskFull(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains(DISK_FULL_MESSAGE)) {
                return true;
            }
        }
        return false;
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("Could not delete unfinished blob write {}; it goes at the next open", temp, e);
        }
    }
}
