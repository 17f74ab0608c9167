package io.confman.blob;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory twin of {@link FileBlobStore}, for tests and for trying things out: same
 * contract, same limits, same pins, but every blob lives on the heap (in chunks of the put
 * buffer's size, never one array per blob), so memory does grow with what it holds. Nothing here
 * is durable and nothing is ever corrupt. Thread-safe.
 */
public final class InMemoryBlobStore implements BlobStore {

    private final Clock clock;
    private final PinRegistry pins = new PinRegistry();
    private final ConcurrentHashMap<BlobId, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    /** A store whose blob ages come from the system clock. */
    public InMemoryBlobStore() {
        this(Clock.systemUTC());
    }

    /** A store whose blob ages ({@link BlobInfo#lastModified}) come from {@code clock}. */
    public InMemoryBlobStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private record Entry(List<byte[]> chunks, long sizeBytes, Instant written) {}

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
        try {
            List<byte[]> chunks = new ArrayList<>();
            StreamingCopy.Copied copied = StreamingCopy.copy(in, maxBytes,
                    (buffer, length) -> chunks.add(Arrays.copyOf(buffer, length)));
            copied.requireId(expected);
            BlobPin pin = pins.pin(copied.id());
            Entry entry = new Entry(List.copyOf(chunks), copied.sizeBytes(), clock.instant());
            boolean created = pins.locked(copied.id(), () -> {
                Entry before = entries.put(copied.id(), entry);
                bytes.addAndGet(copied.sizeBytes() - (before == null ? 0 : before.sizeBytes()));
                return before == null;
            });
            return new PinnedPut(new PutResult(copied.id(), copied.sizeBytes(), created), pin);
        } finally {
            if (expectedPin != null) {
                expectedPin.close();
            }
        }
    }

    @Override
    public Optional<BlobContent> open(BlobId id, long offset, long length) throws IOException {
        ReadRange.requireNonNegative(offset, length);
        Entry entry = entries.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        long rangeLength = ReadRange.lengthWithin(id, entry.sizeBytes(), offset, length);
        InputStream stream = new ChunkInputStream(entry.chunks());
        stream.skipNBytes(offset);
        return Optional.of(new BlobContent(id, entry.sizeBytes(), offset, rangeLength,
                new BoundedInputStream(stream, rangeLength)));
    }

    @Override
    public Optional<BlobInfo> info(BlobId id) {
        Entry entry = entries.get(id);
        return entry == null ? Optional.empty() : Optional.of(new BlobInfo(id, entry.sizeBytes(), entry.written()));
    }

    @Override
    public DeleteOutcome delete(BlobId id) throws IOException {
        return pins.locked(id, () -> {
            if (pins.isPinned(id)) {
                return DeleteOutcome.PINNED;
            }
            Entry removed = entries.remove(id);
            if (removed == null) {
                return DeleteOutcome.ABSENT;
            }
            bytes.addAndGet(-removed.sizeBytes());
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
    public List<BlobId> list() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public BlobStats stats() {
        return new BlobStats(entries.size(), bytes.get(), 0, -1, 0);
    }

    /** Reads a list of chunks as one stream. */
    private static final class ChunkInputStream extends InputStream {
        private final List<byte[]> chunks;
        private int chunk;
        private int position;

        ChunkInputStream(List<byte[]> chunks) {
            this.chunks = chunks;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            while (chunk < chunks.size() && position == chunks.get(chunk).length) {
                chunk++;
                position = 0;
            }
            if (chunk == chunks.size()) {
                return -1;
            }
            byte[] current = chunks.get(chunk);
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, count);
            position += count;
            return count;
        }
    }
}
