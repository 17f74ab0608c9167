package io.confman.raft.watch;

import io.confman.codec.model.AuditEvent;
import io.confman.raft.ChangeHistory;
import io.confman.raft.ChangeListener;
import io.confman.raft.ConfigQueries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's watches: hears every applied change (it is the state machine's {@link
 * ChangeListener}) and adds each entry's changes to the bounded queue of every {@link Watch} of
 * their namespace. A watch starts with the namespace's retained history after the asked revision
 * (its backlog) and goes on with the changes applied later, with no gap and no duplicate: it is
 * registered before the history is read, and drops queued changes the backlog already held.
 *
 * <p>Threads: {@link #applied} and {@link #replaced} run on the apply thread and never block
 * (a full queue ends its watch instead); {@link #open} and {@link #close} may be called from any
 * thread. Memory is bounded by {@code maxWatchers × queueEvents} changes plus the backlogs, which
 * the audit bound limits.
 */
public final class ChangeFeed implements ChangeListener, AutoCloseable {
    /** {@link #open}'s {@code afterRevision} for "from now on": no backlog. */
    public static final long NOW = -1;

    private final int queueEvents;
    private final int maxWatchers;
    private final Map<String, Set<Watch>> byNamespace = new ConcurrentHashMap<>();
    private final AtomicInteger watchers = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param queueEvents changes that may wait for one watcher before it is cut off (at least 1)
     * @param maxWatchers watches served at once (at least 1)
     */
    public ChangeFeed(int queueEvents, int maxWatchers) {
        if (queueEvents < 1 || maxWatchers < 1) {
            throw new IllegalArgumentException("queueEvents and maxWatchers must be at least 1: " + queueEvents
                    + ", " + maxWatchers);
        }
        this.queueEvents = queueEvents;
        this.maxWatchers = maxWatchers;
    }

    /**
     * Starts watching {@code namespace} after {@code afterRevision} ({@link #NOW}: after the newest
     * revision of {@code state}). Call with a state that a linearizable read barrier has brought up
     * to date, so the start point includes every change committed before the call.
     */
    public WatchStart open(String namespace, ConfigQueries state, long afterRevision) {
        if (closed.get()) {
            return new WatchStart.Full(maxWatchers);
        }
        if (watchers.incrementAndGet() > maxWatchers) {
            watchers.decrementAndGet();
            return new WatchStart.Full(maxWatchers);
        }
        Watch watch = new Watch(namespace, queueEvents, this);
        byNamespace.compute(namespace, (ignored, watches) -> {
            Set<Watch> set = watches == null ? ConcurrentHashMap.newKeySet() : watches;
            set.add(watch);
            return set;
        });
        ChangeHistory history = state.changesAfter(namespace, afterRevision == NOW ? Long.MAX_VALUE : afterRevision);
        if (!history.complete()) {
            watch.close();
            return new WatchStart.Expired(history.earliestAfterRevision());
        }
        watch.skipThrough(afterRevision == NOW ? history.lastRevision()
                : Math.max(afterRevision, history.lastRevision()));
        if (closed.get()) {
            watch.end("the node is stopping");
        }
        return new WatchStart.Started(watch, history.events());
    }

    /** How many watches are open. */
    public int watchers() {
        return watchers.get();
    }

    @Override
    public void applied(List<AuditEvent> events) {
        if (byNamespace.isEmpty()) {
            return;
        }
        Map<String, List<AuditEvent>> perNamespace = new LinkedHashMap<>();
        for (AuditEvent event : events) {
            if (byNamespace.containsKey(event.namespace())) {
                perNamespace.computeIfAbsent(event.namespace(), ignored -> new ArrayList<>(events.size())).add(event);
            }
        }
        perNamespace.forEach((namespace, changes) -> {
            List<AuditEvent> entry = List.copyOf(changes);
            for (Watch watch : byNamespace.getOrDefault(namespace, Set.of())) {
                if (!watch.offer(entry)) {
                    remove(watch);
                }
            }
        });
    }

    @Override
    public void replaced() {
        endAll("the node replaced its state with a snapshot; resume from the last event id");
    }

    /** Ends every watch (each reader gets what was queued, then the end) and refuses new ones. */
    @Override
    public void close() {
        closed.set(true);
        endAll("the node is stopping");
    }

    private void endAll(String reason) {
        for (Set<Watch> watches : byNamespace.values()) {
            for (Watch watch : watches) {
                watch.end(reason);
                remove(watch);
            }
        }
    }

    /** Forgets {@code watch}; the count drops once however often it is removed. */
    void remove(Watch watch) {
        boolean[] removed = {false};
        byNamespace.computeIfPresent(watch.namespace(), (ignored, watches) -> {
            removed[0] = watches.remove(watch);
            return watches.isEmpty() ? null : watches;
        });
        if (removed[0]) {
            watchers.decrementAndGet();
        }
    }
}
