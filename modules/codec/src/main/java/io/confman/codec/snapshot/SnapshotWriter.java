package io.confman.codec.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import io.confman.codec.internal.StrictJson;
import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Writes a snapshot in {@link SnapshotFormat} to a stream with Jackson's streaming generator.
 *
 * <p>The content is passed as iterables that are walked exactly once while writing, so a caller can
 * hand over live views of its state: nothing is copied and no byte array of the whole snapshot
 * exists. The caller must keep the state unchanged during the call (the state machine does so by
 * holding its read lock while apply is paused). Writes reach {@code out} in frames of at most
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
     * @return the SHA-256 written as trailer, which equals the digest of the file before it
     */
    public static byte[] write(OutputStream out, SnapshotMetadata metadata, Iterable<Namespace> namespaces,
                               Iterable<ConfigEntry> entries, Iterable<AuditEvent> auditEvents) throws IOException {
        MessageDigest sha = newDigest();
        DigestOutputStream digested = new DigestOutputStream(out, sha);
        digested.write(SnapshotFormat.MAGIC);
        digested.write(ByteBuffer.allocate(4).putInt(SnapshotFormat.VERSION).array());
        ChunkedOutputStream body = new ChunkedOutputStream(digested);
        try (JsonGenerator generator = StrictJson.MAPPER.createGenerator(body)) {
            generator.writeStartObject();
            generator.writeNumberField("lastAppliedTerm", metadata.lastAppliedTerm());
            generator.writeNumberField("lastAppliedIndex", metadata.lastAppliedIndex());
            generator.writeNumberField("malformedEntries", metadata.malformedEntries());
            generator.writeNumberField("lastRevision", metadata.lastRevision());
            generator.writeArrayFieldStart("namespaces");
            for (Namespace namespace : namespaces) {
                ModelJson.write(generator, namespace);
            }
            generator.writeEndArray();
            generator.writeArrayFieldStart("entries");
            for (ConfigEntry entry : entries) {
                ModelJson.write(generator, entry);
            }
            generator.writeEndArray();
            generator.writeArrayFieldStart("audit");
            for (AuditEvent event : auditEvents) {
                ModelJson.write(generator, event);
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }
        body.finish();
        byte[] digest = sha.digest();
        out.write(digest);
        out.flush();
        return digest;
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(SnapshotFormat.DIGEST_ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
