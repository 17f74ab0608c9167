package io.confman.raft;

import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The read side of the replicated state, for the web layer.
 *
 * <p>Safe to call from any number of threads at once, concurrently with apply. Each call sees the
 * state between two applied entries, never in the middle of one, and returns immutable values that
 * later applies do not change. Two calls may see different states; a caller needing a linearizable
 * read first waits (through Raft's read index) until {@link #lastAppliedIndex()} has reached the
 * index it needs.
 */
public interface ConfigQueries {

    /** All namespaces that were created and not deleted, ordered by path. */
    List<Namespace> namespaces();

    Optional<Namespace> namespace(String path);

    /**
     * The entries of one namespace ordered by key; empty when there are none. The namespace itself
     * need not exist: writing into a namespace that was never created is allowed.
     */
    List<ConfigEntry> configs(String namespace);

    Optional<ConfigEntry> config(String namespace, String key);

    /** Every entry of every namespace, ordered by namespace then key. */
    List<ConfigEntry> allConfigs();

    /** Every namespace and entry with the position and revision they reflect, read atomically. */
    StateView view();

    /**
     * Up to {@code limit} audit events of a namespace, newest first. Kept even after the namespace
     * is deleted, bounded per namespace. Clamping the HTTP {@code limit} is the caller's job.
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    List<AuditEvent> audit(String namespace, int limit);

    /**
     * The retained changes of a namespace after {@code afterRevision}, oldest first, with the
     * state's newest revision, read atomically: what a watcher starting after that revision is
     * sent before the changes applied later. Not complete when changes after it may have dropped
     * out of the bounded history.
     */
    ChangeHistory changesAfter(String namespace, long afterRevision);

    /** The position of the last entry applied (or skipped); {@link LogPosition#INITIAL} at first. */
    LogPosition lastApplied();

    /** The index of the last entry applied or skipped; -1 before the first. */
    default long lastAppliedIndex() {
        return lastApplied().index();
    }

    /**
     * How many audit events each namespace keeps: a rule of the replicated state machine, which
     * every member must apply with the same value for their states to stay identical.
     */
    int auditEventsPerNamespace();

    /** How many log entries were malformed and skipped, over the whole log (carried in snapshots). */
    long malformedEntryCount();

    /**
     * The SHA-256 hex of every blob the state references: current entries and config events in the
     * retained audit history. The blob reconciler fetches these; GC must keep them.
     */
    Set<String> referencedBlobHashes();

    /**
     * SHA-256 hex over a canonical serialisation of the whole state (the bytes of the snapshot file
     * the state would be written as); equal on every node at the same applied index.
     */
    String stateHash();
}
