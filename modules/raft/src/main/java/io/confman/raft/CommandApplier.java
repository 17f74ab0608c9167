package io.confman.raft;

import io.confman.codec.command.Command;
import io.confman.codec.command.DeleteConfig;
import io.confman.codec.command.DeleteNamespace;
import io.confman.codec.command.Preconditions;
import io.confman.codec.command.SetConfig;
import io.confman.codec.command.SetConfigBlobRef;
import io.confman.codec.command.SetNamespace;
import io.confman.codec.model.AuditAction;
import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.BlobRef;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.util.Map;

/**
 * The business rules: (state, command, revision) → changed state + result. A pure function of its
 * inputs; it reads no clock and never throws for a decoded command.
 *
 * <p>Rules: a new key gets version 1 and every update adds 1; a deleted key that is written again
 * starts at 1 (as etcd does), so a version identifies a value only within one life of the key. The
 * entry's revision is the revision of the command that last changed it (chosen by the caller: the
 * log index of its entry, or just above it when one entry carries several commands). Writing into a namespace
 * that was never created is allowed. Deleting a namespace deletes its entries in the same command
 * and records one {@code config.deleted} event per entry (key order) followed by one
 * {@code namespace.deleted} event; the audit history outlives the namespace. Deleting something
 * absent is {@link RejectReason#NOT_FOUND} whatever the preconditions say. An {@code If-Match} by
 * revision matches only the value written at that revision; the legacy one by version matches any
 * value of the key's current life at that version. Namespace events carry
 * the old and new description as their values.
 */
final class CommandApplier {

    private CommandApplier() {
    }

    static ApplyResult apply(ConfigState state, Command command, long revision) {
        String invalid = CommandValidation.invalidReason(command);
        if (invalid != null) {
            return new ApplyResult.Rejected(RejectReason.INVALID, invalid, ApplyResult.Rejected.NO_VERSION);
        }
        return switch (command) {
            case SetNamespace c -> setNamespace(state, c, revision);
            case DeleteNamespace c -> deleteNamespace(state, c, revision);
            case SetConfig c -> storeConfig(state, c.namespace(), c.key(), c.preconditions(), revision,
                    current -> new ConfigEntry(c.namespace(), c.key(), c.value(), c.type(), nextVersion(current),
                            c.timestamp(), c.actor(), revision, null), c);
            case SetConfigBlobRef c -> storeConfig(state, c.namespace(), c.key(), c.preconditions(), revision,
                    current -> new ConfigEntry(c.namespace(), c.key(), null, c.effectiveType(), nextVersion(current),
                            c.timestamp(), c.actor(), revision, new BlobRef(c.sha256(), c.size(), c.contentType())), c);
            case DeleteConfig c -> deleteConfig(state, c, revision);
        };
    }

    private interface EntryFactory {
        ConfigEntry next(ConfigEntry current);
    }

    private static ApplyResult storeConfig(ConfigState state, String namespace, String key, Preconditions preconditions,
                                           long revision, EntryFactory factory, Command command) {
        ConfigEntry current = state.entry(namespace, key);
        ApplyResult.Rejected failed = checkPreconditions(preconditions, current, namespace, key);
        if (failed != null) {
            return failed;
        }
        ConfigEntry stored = factory.next(current);
        state.putEntry(stored);
        AuditAction action = current == null ? AuditAction.CONFIG_CREATED : AuditAction.CONFIG_UPDATED;
        state.record(new AuditEvent(command.timestamp(), action, command.actor(), namespace, key,
                current == null ? null : current.auditValue(), stored.auditValue(), stored.version(), revision,
                current == null ? null : current.blobSha256(), stored.blobSha256()));
        return new ApplyResult.Applied(new Change.ConfigStored(stored, current == null), revision);
    }

    private static ApplyResult deleteConfig(ConfigState state, DeleteConfig command, long revision) {
        ConfigEntry current = state.entry(command.namespace(), command.key());
        if (current == null) {
            return new ApplyResult.Rejected(RejectReason.NOT_FOUND,
                    "config " + command.namespace() + "/" + command.key() + " does not exist",
                    ApplyResult.Rejected.NO_VERSION);
        }
        ApplyResult.Rejected failed = checkPreconditions(command.preconditions(), current, command.namespace(),
                command.key());
        if (failed != null) {
            return failed;
        }
        state.removeEntry(command.namespace(), command.key());
        state.record(configDeleted(current, command, revision));
        return new ApplyResult.Applied(new Change.ConfigDeleted(current), revision);
    }

    private static ApplyResult setNamespace(ConfigState state, SetNamespace command, long revision) {
        Namespace current = state.namespaces.get(command.path());
        String owner = command.owner() != null ? command.owner() : command.actor();
        String createdAt = current != null ? current.createdAt() : command.timestamp();
        Namespace stored = new Namespace(command.path(), command.description(), owner, createdAt);
        state.namespaces.put(stored.path(), stored);
        AuditAction action = current == null ? AuditAction.NAMESPACE_CREATED : AuditAction.NAMESPACE_UPDATED;
        state.record(new AuditEvent(command.timestamp(), action, command.actor(), stored.path(), null,
                current == null ? null : current.description(), stored.description(), null, revision));
        return new ApplyResult.Applied(new Change.NamespaceStored(stored, current == null), revision);
    }

    private static ApplyResult deleteNamespace(ConfigState state, DeleteNamespace command, long revision) {
        Namespace previous = state.namespaces.remove(command.path());
        Map<String, ConfigEntry> removed = state.removeNamespaceEntries(command.path());
        if (previous == null && removed.isEmpty()) {
            return new ApplyResult.Rejected(RejectReason.NOT_FOUND,
                    "namespace " + command.path() + " does not exist", ApplyResult.Rejected.NO_VERSION);
        }
        for (ConfigEntry entry : removed.values()) {
            state.record(configDeleted(entry, command, revision));
        }
        state.record(new AuditEvent(command.timestamp(), AuditAction.NAMESPACE_DELETED, command.actor(),
                command.path(), null, previous == null ? null : previous.description(), null, null, revision));
        return new ApplyResult.Applied(new Change.NamespaceDeleted(command.path(), previous, removed.size()), revision);
    }

    private static AuditEvent configDeleted(ConfigEntry entry, Command command, long revision) {
        return new AuditEvent(command.timestamp(), AuditAction.CONFIG_DELETED, command.actor(), entry.namespace(),
                entry.key(), entry.auditValue(), null, entry.version(), revision, entry.blobSha256(), null);
    }

    private static ApplyResult.Rejected checkPreconditions(Preconditions preconditions, ConfigEntry current,
                                                           String namespace, String key) {
        long currentVersion = current == null ? ApplyResult.Rejected.NO_VERSION : current.version();
        if (preconditions.createOnly() && current != null) {
            return new ApplyResult.Rejected(RejectReason.PRECONDITION_FAILED,
                    "config " + namespace + "/" + key + " already exists at version " + currentVersion, currentVersion);
        }
        Long expected = preconditions.ifMatchVersion();
        if (expected != null && (current == null || expected != current.version())) {
            String found = current == null ? "does not exist" : "is at version " + currentVersion;
            return new ApplyResult.Rejected(RejectReason.PRECONDITION_FAILED,
                    "config " + namespace + "/" + key + " " + found + ", not version " + expected, currentVersion);
        }
        Long expectedRevision = preconditions.ifMatchRevision();
        if (expectedRevision != null && (current == null || expectedRevision != current.revision())) {
            String found = current == null ? "does not exist" : "was last changed at revision " + current.revision();
            return new ApplyResult.Rejected(RejectReason.PRECONDITION_FAILED,
                    "config " + namespace + "/" + key + " " + found + ", not revision " + expectedRevision,
                    currentVersion);
        }
        return null;
    }

    private static long nextVersion(ConfigEntry current) {
        return current == null ? 1 : current.version() + 1;
    }
}
