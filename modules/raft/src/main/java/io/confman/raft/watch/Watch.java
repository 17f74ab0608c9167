package io.confman.raft.watch;

import io.confman.codec.model.AuditEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One watcher's live changes: the {@link ChangeFeed} adds each applied entry's changes of the
 * watched namespace (apply thread, never blocking); one reader thread takes them with {@link
 * #next}. At most {@code capacityEvents} changes wait; a watcher that falls further behind is cut
 * off: it gets what was queued, then {@link Next.Ended}, and resumes from the history with its last
 * revision. Changes at or below the revision its backlog reached are dropped (they were in it).
 *
 * <p>Thread-safe for one reader and the feed. {@link #close} may be called from any thread.
 */
public final class Watch implements AutoCloseable {

    /** What {@link #next} found. */
    public sealed interface Next permits Next.Changes, Next.Idle, Next.Ended {
        /** Changes in order, whole entries only, so changes sharing a revision always come together. */
        record Changes(List<AuditEvent> events) implements Next {
        }

        /** Nothing arrived within the wait: time for a heartbeat. */
        record Idle() implements Next {
        }

        /**
         * The watch is over; nothing more will come.
         *
         * @param reason a sentence for the log or the client
         */
        record Ended(String reason) implements Next {
        }
    }

    private final String namespace;
    private final int capacityEvents;
    private final ChangeFeed feed;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<List<AuditEvent>> entries = new ArrayDeque<>();
    private int queuedEvents;
    private String endReason;
    /** Changes up to this revision were in the backlog; set before the feed can add any. */
    private volatile long skipThroughRevision = Long.MAX_VALUE;

    Watch(String namespace, int capacityEvents, ChangeFeed feed) {
        this.namespace = namespace;
        this.capacityEvents = capacityEvents;
        this.feed = feed;
    }

    /** The namespace watched. */
    public String namespace() {
        return namespace;
    }

    void skipThrough(long revision) {
        skipThroughRevision = revision;
    }

    /** Queues one entry's changes of this namespace; false (and the watch ends) when they do not fit. */
    boolean offer(List<AuditEvent> events) {
        lock.lock();
        try {
            if (endReason != null) {
                return false;
            }
            if (queuedEvents + events.size() > capacityEvents) {
                endReason = "the watcher fell more than " + capacityEvents
                        + " changes behind; resume from the last event id";
                changed.signal();
                return false;
            }
            entries.add(events);
            queuedEvents += events.size();
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the watch; the reader gets what is queued, then {@link Next.Ended} with {@code reason}. */
    void end(String reason) {
        lock.lock();
        try {
            if (endReason == null) {
                endReason = reason;
            }
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for changes and takes all that are queued. Reader thread only.
     *
     * @throws InterruptedException when the reader is interrupted (the watch stays open)
     */
    public Next next(long timeoutMillis) throws InterruptedException {
        List<AuditEvent> taken = new ArrayList<>();
        lock.lock();
        try {
            long remainingNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (entries.isEmpty() && endReason == null && remainingNanos > 0) {
                remainingNanos = changed.awaitNanos(remainingNanos);
            }
            if (entries.isEmpty()) {
                return endReason != null ? new Next.Ended(endReason) : new Next.Idle();
            }
            long skip = skipThroughRevision;
            for (List<AuditEvent> entry : entries) {
                for (AuditEvent event : entry) {
                    if (event.revision() > skip) {
                        taken.add(event);
                    }
                }
            }
            entries.clear();
            queuedEvents = 0;
        } finally {
            lock.unlock();
        }
        return taken.isEmpty() ? new Next.Idle() : new Next.Changes(List.copyOf(taken));
    }

    /** Stops the watch and forgets its queue. Idempotent. */
    @Override
    public void close() {
        end("closed");
        feed.remove(this);
        lock.lock();
        try {
            entries.clear();
            queuedEvents = 0;
        } finally {
            lock.unlock();
        }
    }
}
