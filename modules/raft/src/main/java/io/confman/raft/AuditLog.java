package io.confman.raft;

import io.confman.codec.model.AuditEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The audit history of one namespace, newest first, holding at most a fixed number of events; the
 * oldest fall off. Owned by {@link ConfigState}: mutated only by the apply thread under the write
 * lock, read under the read lock.
 */
final class AuditLog implements Iterable<AuditEvent> {

    private final ArrayDeque<AuditEvent> newestFirst = new ArrayDeque<>();
    private final int capacityEvents;

    AuditLog(int capacityEvents) {
        this.capacityEvents = capacityEvents;
    }

    /** Records a new event, dropping the oldest one when full; returns the dropped one or null. */
    AuditEvent record(AuditEvent event) {
        newestFirst.addFirst(event);
        return newestFirst.size() > capacityEvents ? newestFirst.removeLast() : null;
    }

    /** Appends an event older than all held ones (snapshot restore); ignored when full. */
    boolean appendOlder(AuditEvent event) {
        if (newestFirst.size() >= capacityEvents) {
            return false;
        }
        newestFirst.addLast(event);
        return true;
    }

    List<AuditEvent> newest(int limit) {
        List<AuditEvent> events = new ArrayList<>(Math.min(limit, newestFirst.size()));
        Iterator<AuditEvent> iterator = newestFirst.iterator();
        while (events.size() < limit && iterator.hasNext()) {
            events.add(iterator.next());
        }
        return List.copyOf(events);
    }

    /**
     * The events after {@code revision}, oldest first; complete only when no event after it has
     * dropped out (see {@link #earliestAfterRevision}).
     */
    List<AuditEvent> after(long revision) {
        List<AuditEvent> events = new ArrayList<>();
        Iterator<AuditEvent> newestToOldest = newestFirst.iterator();
        while (newestToOldest.hasNext()) {
            AuditEvent event = newestToOldest.next();
            if (event.revision() <= revision) {
                break;
            }
            events.add(event);
        }
        return events.reversed();
    }

    /**
     * The lowest revision after which every event is still held. While the log has never been
     * full, nothing has dropped out (0). Once full, the dropped events had revisions up to the
     * oldest held one (a namespace delete's events share one revision, so its group may be cut),
     * so only from that revision on is the history known to be whole. A function of the held
     * events alone, so every member answers alike.
     */
    long earliestAfterRevision() {
        return newestFirst.size() < capacityEvents ? 0 : newestFirst.getLast().revision();
    }

    int size() {
        return newestFirst.size();
    }

    Stream<AuditEvent> stream() {
        return newestFirst.stream();
    }

    @Override
    public Iterator<AuditEvent> iterator() {
        return newestFirst.iterator();
    }
}
