package io.confman.codec.snapshot;

import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.util.ArrayList;
import java.util.List;

/** Collects everything a snapshot holds, for comparing with what was written. */
class CollectingVisitor implements SnapshotVisitor {

    SnapshotMetadata metadata;
    final List<Namespace> namespaces = new ArrayList<>();
    final List<ConfigEntry> entries = new ArrayList<>();
    final List<AuditEvent> auditEvents = new ArrayList<>();

    @Override
    public void metadata(SnapshotMetadata metadata) {
        this.metadata = metadata;
    }

    @Override
    public void namespace(Namespace namespace) {
        namespaces.add(namespace);
    }

    @Override
    public void entry(ConfigEntry entry) {
        entries.add(entry);
    }

    @Override
    public void auditEvent(AuditEvent event) throws InvalidSnapshotException {
        auditEvents.add(event);
    }
}
