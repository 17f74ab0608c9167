package io.confman.codec.snapshot;

import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;

/**
 * Receives a snapshot's content while {@link SnapshotReader} streams it, on the reading thread, in
 * file order: {@link #metadata} once, then every namespace, every entry, and the audit events
 * (grouped by namespace, newest first within a namespace). The reader verifies the digest only
 * after the last call, so a visitor must build into fresh state and publish it only once
 * {@link SnapshotReader#read} has returned.
 */
public interface SnapshotVisitor {

    void metadata(SnapshotMetadata metadata) throws InvalidSnapshotException;

    void namespace(Namespace namespace) throws InvalidSnapshotException;

    void entry(ConfigEntry entry) throws InvalidSnapshotException;

    void auditEvent(AuditEvent event) throws InvalidSnapshotException;
}
