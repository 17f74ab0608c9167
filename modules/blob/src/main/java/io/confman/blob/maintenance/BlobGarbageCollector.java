package io.confman.blob.maintenance;

import io.confman.blob.BlobId;
import io.confman.blob.BlobInfo;
import io.confman.blob.BlobStore;
import io.confman.blob.DeleteOutcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mark and sweep over the local store: deletes every blob that the state does not reference and
 * whose copy is older than the safety window, unless it is pinned. The window protects blobs
 * being written, pushed or committed right now (an orphan of a failed write is collected once it
 * has aged). Deletion of a pinned blob is refused atomically by the store.
 *
 * <p>The caller must only run it when {@code referenced} reflects the full current state (a node
 * still loading its snapshot would see an empty set). {@link #runOnce} runs on the calling thread;
 * passes never overlap. {@link #start} schedules passes on an executor the caller owns and shuts
 * down; {@link #stop} cancels only this collector's task.
 */
public final class BlobGarbageCollector {

    private static final Logger LOG = LoggerFactory.getLogger(BlobGarbageCollector.class);

    /** How old an unreferenced blob must be before it is deleted, unless configured otherwise. */
    public static final Duration DEFAULT_SAFETY_WINDOW = Duration.ofHours(1);

    private final BlobStore store;
    private final Supplier<Set<String>> referenced;
    private final Duration safetyWindow;
    private final Clock clock;
    private final Periodic periodic = new Periodic("Blob GC", LOG);

    /** A collector with the default safety window and the system clock. */
    public BlobGarbageCollector(BlobStore store, Supplier<Set<String>> referenced) {
        this(store, referenced, DEFAULT_SAFETY_WINDOW, Clock.systemUTC());
    }

    public BlobGarbageCollector(BlobStore store, Supplier<Set<String>> referenced, Duration safetyWindow, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.referenced = Objects.requireNonNull(referenced, "referenced");
        this.safetyWindow = Objects.requireNonNull(safetyWindow, "safetyWindow");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (safetyWindow.isNegative()) {
            throw new IllegalArgumentException("safety window must not be negative: " + safetyWindow);
        }
    }

    /** One mark-and-sweep pass. */
    public synchronized GcReport runOnce() throws IOException {
        List<BlobId> held = store.list();
        Set<String> marked = Set.copyOf(Objects.requireNonNull(referenced.get(), "referenced hashes"));
        Instant youngestDeletable = clock.instant().minus(safetyWindow);
        long kept = 0;
        long deleted = 0;
        long young = 0;
        long pinned = 0;
        long bytes = 0;
        for (BlobId id : held) {
            if (marked.contains(id.hex())) {
                kept++;
                continue;
            }
            Optional<BlobInfo> info = store.info(id);
            if (info.isEmpty()) {
                continue;
            }
            if (info.get().lastModified().isAfter(youngestDeletable)) {
                young++;
                continue;
            }
            DeleteOutcome outcome = store.delete(id);
            if (outcome == DeleteOutcome.DELETED) {
                deleted++;
                bytes += info.get().sizeBytes();
            } else if (outcome == DeleteOutcome.PINNED) {
                pinned++;
            }
        }
        GcReport report = new GcReport(kept, deleted, young, pinned, bytes);
        LOG.info("Blob GC: kept {}, deleted {} ({} bytes), skipped {} younger than {}, skipped {} pinned",
                kept, deleted, bytes, young, safetyWindow, pinned);
        return report;
    }

    /**
     * Runs a pass every {@code interval}, the first after one interval, on {@code executor}, which
     * the caller owns (this class never shuts it down).
     *
     * @throws IllegalStateException already started
     */
    public void start(ScheduledExecutorService executor, Duration interval) {
        periodic.start(executor, interval, interval, this::runOnce);
    }

    /** Cancels future passes; a running pass finishes. */
    public void stop() {
        periodic.stop();
    }
}
