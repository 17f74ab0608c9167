package io.confman.raft;

import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import io.confman.codec.snapshot.SnapshotMetadata;
import io.confman.codec.snapshot.SnapshotWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A state frozen by {@link ConfigStateMachine#captureSnapshot}: references to its immutable
 * records in snapshot order, taken while apply was paused. It can be written afterwards on any
 * thread, any number of times, while the live state moves on.
 *
 * @param metadata   the frozen state's applied position, malformed-entry count and last revision
 * @param namespaces every namespace
 * @param entries    every config entry
 * @param audit      every retained audit event
 */
public record SnapshotCapture(SnapshotMetadata metadata, List<Namespace> namespaces, List<ConfigEntry> entries,
                              List<AuditEvent> audit) {

    /** The last applied position the frozen state reflects. */
    public LogPosition position() {
        return new LogPosition(metadata.lastAppliedTerm(), metadata.lastAppliedIndex());
    }

    /**
     * Writes the frozen state in the snapshot format (see {@code io.confman.codec.snapshot.SnapshotFormat})
     * to {@code out}, which the caller buffers, syncs and closes.
     */
    public void writeTo(OutputStream out) throws IOException {
        SnapshotWriter.write(out, metadata, namespaces, entries, audit);
    }
}
