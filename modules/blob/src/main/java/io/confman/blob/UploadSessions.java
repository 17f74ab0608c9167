package io.confman.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumable uploads kept on one node's disk until they are committed: a value of many GiB sent
 * over a link that drops is appended in parts, each part synced before it is acknowledged, so a
 * client that lost its connection asks for the offset and carries on from there.
 *
 * <p>Each session is two files in its directory: {@code <id>.part} (the bytes so far; its size is
 * the offset) and {@code <id>.meta} (where the value goes and who started it). Sessions unused for
 * longer than the time to live are deleted by {@link #expire}, and when the store is opened.
 * Appends to one session are serialised (a second concurrent append is refused); everything else
 * is thread-safe.
 */
public final class UploadSessions {
    private static final Logger LOG = LoggerFactory.getLogger(UploadSessions.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final int BUFFER_BYTES = 256 * 1024;

    /** One upload in progress: where it goes, and how many bytes are durable so far. */
    public record Session(String id, String namespace, String key, String contentType, long declaredBytes,
                          String createdBy, long offset, Instant lastWrite) {
    }

    /** An append did not start where the upload stands (the answer carries the real offset). */
    public static final class OffsetMismatchException extends BlobException {
        private static final long serialVersionUID = 1L;
        private final long offset;

        OffsetMismatchException(long offset, long sent) {
            super("the upload is at offset " + offset + ", not " + sent);
            this.offset = offset;
        }

        public long offset() {
            return offset;
        }
    }

    /** Another append to the same upload is still running. */
    public static final class BusyException extends BlobException {
        private static final long serialVersionUID = 1L;

        BusyException(String id) {
            super("another part of upload " + id + " is still being received");
        }
    }

    private final Path dir;
    private final Duration timeToLive;
    private final long maxBytes;
    private final DiskReserve reserve;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    private UploadSessions(Path dir, Duration timeToLive, long maxBytes, DiskReserve reserve, Clock clock) {
        this.dir = dir;
        this.timeToLive = timeToLive;
        this.maxBytes = maxBytes;
        this.reserve = reserve;
        this.clock = clock;
    }

    /**
     * Opens (creating) the sessions under {@code dir}, deleting expired ones.
     *
     * @param maxBytes         the largest value an upload may grow to
     * @param reserveFreeBytes appends that would leave less free on the disk are refused
     */
    public static UploadSessions open(Path dir, Duration timeToLive, long maxBytes, long reserveFreeBytes, Clock clock)
            throws IOException {
        Files.createDirectories(dir);
        UploadSessions sessions = new UploadSessions(dir, timeToLive, maxBytes, DiskReserve.of(dir, reserveFreeBytes),
                clock);
        sessions.expire();
        return sessions;
    }

    /** Starts an upload of a value for {@code namespace}/{@code key}; {@code declaredBytes} -1 when unknown. */
    public Session create(String namespace, String key, String contentType, long declaredBytes, String createdBy)
            throws IOException {
        if (declaredBytes > maxBytes) {
            throw new BlobTooLargeException(maxBytes);
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        Properties meta = new Properties();
        meta.setProperty("namespace", namespace);
        meta.setProperty("key", key);
        meta.setProperty("contentType", contentType);
        meta.setProperty("declaredBytes", Long.toString(declaredBytes));
        meta.setProperty("createdBy", createdBy);
        Files.createFile(part(id));
        Path temp = dir.resolve(id + ".meta.tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            meta.store(out, null);
        }
        Files.move(temp, dir.resolve(id + ".meta"), StandardCopyOption.ATOMIC_MOVE);
        BlobDirectory.sync(dir);
        return find(id).orElseThrow();
    }

    /** The session with this id; empty when there is none (never made, committed, deleted or expired). */
    public Optional<Session> find(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Properties meta = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve(id + ".meta"), StandardCharsets.UTF_8)) {
            meta.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            Path part = part(id);
            return Optional.of(new Session(id, meta.getProperty("namespace"), meta.getProperty("key"),
                    meta.getProperty("contentType"), Long.parseLong(meta.getProperty("declaredBytes")),
                    meta.getProperty("createdBy"), Files.size(part), Files.getLastModifiedTime(part).toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Appends {@code body} at {@code offset}, which must be where the upload stands. Whatever
     * arrives is written and synced even if the body breaks off, so the next append resumes after
     * the last byte received. Returns the new offset.
     *
     * @throws OffsetMismatchException {@code offset} is not the upload's size (409)
     * @throws BusyException           another append to this upload is running (409)
     * @throws BlobTooLargeException   the upload would grow past the largest value (413)
     * @throws BlobStoreFullException  the disk is at its reserve (507)
     * @throws NoSuchFileException     the upload does not exist
     */
    public long append(String id, long offset, InputStream body) throws IOException {
        ReentrantLock lock = locks.computeIfAbsent(id, unused -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new BusyException(id);
        }
        try (FileChannel channel = FileChannel.open(part(id), StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (offset != size) {
                throw new OffsetMismatchException(size, offset);
            }
            channel.position(size);
            try {
                copy(body, channel, size);
            } finally {
                channel.force(true);
            }
            return channel.size();
        } finally {
            lock.unlock();
            locks.remove(id, lock);
        }
    }

    private void copy(InputStream body, FileChannel channel, long start) throws IOException {
        DiskReserve.Tracker space = reserve.track();
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = start;
        int read;
        while ((read = body.read(buffer)) != -1) {
            if (total + read > maxBytes) {
                throw new BlobTooLargeException(maxBytes);
            }
            space.beforeWriting(read);
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
            while (chunk.hasRemaining()) {
                channel.write(chunk);
            }
            total += read;
        }
    }

    /** The bytes received so far, from the start; the caller closes the stream. */
    public InputStream read(String id) throws IOException {
        return Files.newInputStream(part(id));
    }

    /** Forgets an upload and its bytes; false when there was none. */
    public boolean delete(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            return false;
        }
        boolean existed = Files.deleteIfExists(dir.resolve(id + ".meta"));
        Files.deleteIfExists(part(id));
        return existed;
    }

    /** Deletes sessions whose last part arrived longer ago than the time to live; returns how many. */
    public int expire() throws IOException {
        Instant cutoff = clock.instant().minus(timeToLive);
        int expired = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.part")) {
            for (Path file : files) {
                String id = file.getFileName().toString().replace(".part", "");
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && !locks.containsKey(id)) {
                        delete(id);
                        expired++;
                    }
                } catch (NoSuchFileException e) {
                    // Committed or deleted meanwhile.
                }
            }
        }
        if (expired > 0) {
            LOG.info("Deleted {} upload(s) unused for more than {}", expired, timeToLive);
        }
        return expired;
    }

    private Path part(String id) {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an upload id: " + id);
        }
        return dir.resolve(id + ".part");
    }
}
