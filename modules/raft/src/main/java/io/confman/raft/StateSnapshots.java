package io.confman.raft;

import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import io.confman.codec.snapshot.InvalidSnapshotException;
import io.confman.codec.snapshot.SnapshotMetadata;
import io.confman.codec.snapshot.SnapshotReader;
import io.confman.codec.snapshot.SnapshotVisitor;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Moves a {@link ConfigState} to and from the snapshot format. Capturing copies references to the
 * live records (a {@link SnapshotCapture} writes them later); reading fills a fresh state record by
 * record, so the state exists once in memory besides the one being replaced.
 */
final class StateSnapshots {

    private StateSnapshots() {
    }

    /**
     * Copies the references to every record of {@code state} (the records themselves are
     * immutable): cheap, and afterwards the copy can be written on any thread while the state
     * moves on.
     */
    static SnapshotCapture capture(ConfigState state) {
        return new SnapshotCapture(new SnapshotMetadata(state.lastApplied.term(), state.lastApplied.index(),
                state.malformedEntries, state.lastRevision), List.copyOf(state.namespaces.values()), state.allEntries().toList(),
                state.allAuditEvents().toList());
    }

    /** Reads a snapshot into a fresh state; the digest has been verified when this returns. */
    static ConfigState read(InputStream in, int auditEventsPerNamespace) throws IOException {
        ConfigState fresh = new ConfigState(auditEventsPerNamespace);
        SnapshotReader.read(in, new Builder(fresh));
        return fresh;
    }

    /** Fills a fresh state, refusing duplicates the writer can never produce. */
    private record Builder(ConfigState state) implements SnapshotVisitor {

        @Override
        public void metadata(SnapshotMetadata metadata) throws InvalidSnapshotException {
            // Not "lastRevision >= lastAppliedIndex": a rejected or malformed last command moves the
            // applied index without giving a revision, and a snapshot taken then is valid.
            if (metadata.lastAppliedIndex() < -1 || metadata.lastAppliedTerm() < 0 || metadata.malformedEntries() < 0
                    || metadata.lastRevision() < 0) {
                throw new InvalidSnapshotException("snapshot metadata out of range: " + metadata);
            }
            state.lastApplied = new LogPosition(metadata.lastAppliedTerm(), metadata.lastAppliedIndex());
            state.malformedEntries = metadata.malformedEntries();
            state.lastRevision = metadata.lastRevision();
        }

        @Override
        public void namespace(Namespace namespace) throws InvalidSnapshotException {
            if (state.namespaces.putIfAbsent(namespace.path(), namespace) != null) {
                throw new InvalidSnapshotException("snapshot holds namespace " + namespace.path() + " twice");
            }
        }

        @Override
        public void entry(ConfigEntry entry) throws InvalidSnapshotException {
            if (state.putEntry(entry) != null) {
                throw new InvalidSnapshotException("snapshot holds config " + entry.namespace() + "/" + entry.key()
                        + " twice");
            }
        }

        @Override
        public void auditEvent(AuditEvent event) {
            state.restoreOlder(event);
        }
    }
}
