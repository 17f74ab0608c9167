package io.confman.raft;

import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The mutable replicated state: namespaces, entries per namespace, audit per namespace, the last
 * applied position, the malformed-entry count and the newest revision. Sorted maps make every iteration order, and so
 * the snapshot bytes and the state hash, a function of the content alone.
 *
 * <p>Not thread-safe. {@link ConfigStateMachine} owns one instance at a time and guards it with its
 * lock; a restore builds a fresh instance that nobody else sees until it is swapped in.
 */
final class ConfigState {

    final NavigableMap<String, Namespace> namespaces = new TreeMap<>();
    final NavigableMap<String, NavigableMap<String, ConfigEntry>> entries = new TreeMap<>();
    final NavigableMap<String, AuditLog> audit = new TreeMap<>();
    /** The blobs named by {@link #entries} and {@link #audit}; changed only through the methods below. */
    final BlobReferences blobReferences = new BlobReferences();
    final int auditEventsPerNamespace;
    LogPosition lastApplied = LogPosition.INITIAL;
    long malformedEntries;
    /** The newest revision given to a change; 0 before the first. */
    long lastRevision;
    /** While not null, every event recorded is also appended here (for the change listener). */
    List<AuditEvent> recordedEvents;

    ConfigState(int auditEventsPerNamespace) {
        if (auditEventsPerNamespace < 1) {
            throw new IllegalArgumentException("auditEventsPerNamespace must be at least 1: " + auditEventsPerNamespace);
        }
        this.auditEventsPerNamespace = auditEventsPerNamespace;
    }

    ConfigEntry entry(String namespace, String key) {
        NavigableMap<String, ConfigEntry> keys = entries.get(namespace);
        return keys == null ? null : keys.get(key);
    }

    /** Stores an entry, replacing any with the same namespace and key; returns the replaced one. */
    ConfigEntry putEntry(ConfigEntry entry) {
        ConfigEntry replaced = entries.computeIfAbsent(entry.namespace(), ignored -> new TreeMap<>())
                .put(entry.key(), entry);
        blobReferences.add(entry);
        blobReferences.remove(replaced);
        return replaced;
    }

    ConfigEntry removeEntry(String namespace, String key) {
        NavigableMap<String, ConfigEntry> keys = entries.get(namespace);
        if (keys == null) {
            return null;
        }
        ConfigEntry removed = keys.remove(key);
        if (keys.isEmpty()) {
            entries.remove(namespace);
        }
        blobReferences.remove(removed);
        return removed;
    }

    /** Removes and returns all entries of a namespace, in key order (empty map when none). */
    Map<String, ConfigEntry> removeNamespaceEntries(String namespace) {
        NavigableMap<String, ConfigEntry> removed = entries.remove(namespace);
        if (removed == null) {
            return Map.of();
        }
        removed.values().forEach(blobReferences::remove);
        return removed;
    }

    void record(AuditEvent event) {
        blobReferences.add(event);
        AuditEvent dropped = auditLog(event.namespace()).record(event);
        if (dropped != null) {
            blobReferences.remove(dropped);
        }
        if (recordedEvents != null) {
            recordedEvents.add(event);
        }
    }

    /** Appends an event older than all held ones of its namespace (snapshot restore). */
    void restoreOlder(AuditEvent event) {
        if (auditLog(event.namespace()).appendOlder(event)) {
            blobReferences.add(event);
        }
    }

    AuditLog auditLog(String namespace) {
        return audit.computeIfAbsent(namespace, ignored -> new AuditLog(auditEventsPerNamespace));
    }

    Stream<ConfigEntry> allEntries() {
        return entries.values().stream().flatMap(keys -> keys.values().stream());
    }

    Stream<AuditEvent> allAuditEvents() {
        return audit.values().stream().flatMap(AuditLog::stream);
    }
}
