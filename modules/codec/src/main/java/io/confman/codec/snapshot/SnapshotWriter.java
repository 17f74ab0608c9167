package io.confman.codec.snapshot;

import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Writes a snapshot in {@link SnapshotFormat} (the current version, binary records) to a stream.
 *
 * <p>The content is passed as iterables that are walked exactly once while writing, so a caller can
 * hand over live views of its state: nothing is copied and no byte array of the whole snapshot
 * exists. The caller must keep the content unchanged during the call (the state machine hands over
 * a frozen capture of immutable records). Writes reach {@code out} in frames of at most
 * {@link SnapshotFormat#CHUNK_MAX_BYTES}; buffering and durability (fsync, rename) are the caller's.
 * The stream is flushed, not closed.
 */
public final class SnapshotWriter {

    private SnapshotWriter() {
    }

    /**
     * Writes one snapshot.
     *
     * @param out         receives the file bytes
     * @param metadata    last applied term/index, malformed count, last revision
     * @param namespaces  every namespace, in the order they should be restored
     * @param entries     every config entry
     * @param auditEvents the retained audit events, grouped by namespace, newest first in each group
     */
    public static void write(OutputStream out, SnapshotMetadata metadata, Iterable<Namespace> namespaces,
                             Iterable<ConfigEntry> entries, Iterable<AuditEvent> auditEvents) throws IOException {
        CRC32C crc = new CRC32C();
        CheckedOutputStream checked = new CheckedOutputStream(out, crc);
        checked.write(SnapshotFormat.MAGIC);
        checked.write(ByteBuffer.allocate(Integer.BYTES).putInt(SnapshotFormat.VERSION).array());
        ChunkedOutputStream body = new ChunkedOutputStream(checked);
        BinaryRecords.Output records = new BinaryRecords.Output(body);
        records.fixedLong(metadata.lastAppliedTerm());
        records.fixedLong(metadata.lastAppliedIndex());
        records.fixedLong(metadata.malformedEntries());
        records.fixedLong(metadata.lastRevision());
        for (Namespace namespace : namespaces) {
            records.namespace(namespace);
        }
        records.marker(BinaryRecords.SECTION_END);
        for (ConfigEntry entry : entries) {
            records.entry(entry);
        }
        records.marker(BinaryRecords.SECTION_END);
        for (AuditEvent event : auditEvents) {
            records.auditEvent(event);
        }
        records.marker(BinaryRecords.SECTION_END);
        body.finish();
        out.write(ByteBuffer.allocate(SnapshotFormat.TRAILER_BYTES).putInt((int) crc.getValue()).array());
        out.flush();
    }
}
