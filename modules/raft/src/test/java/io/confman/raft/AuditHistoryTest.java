package io.confman.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confman.codec.model.AuditAction;
import io.confman.codec.model.AuditEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The audit history: newest first, bounded per namespace (the oldest fall off), limited per query,
 * blob values recorded as {@code sha256:<hex>}, and the referenced-blob set covering current entries
 * and retained audit events but not namespace descriptions.
 */
class AuditHistoryTest {

    @Test
    void eventsAreNewestFirstWithValuesVersionsAndRevisions() {
        Node node = new Node();
        node.setConfig("prod", "k", "a");
        node.setConfig("prod", "k", "b");
        node.deleteConfig("prod", "k");
        assertEquals(List.of(
                new AuditEvent(Node.timestampFor(3), AuditAction.CONFIG_DELETED, Node.ACTOR, "prod", "k", "b", null, 2L, 3),
                new AuditEvent(Node.timestampFor(2), AuditAction.CONFIG_UPDATED, Node.ACTOR, "prod", "k", "a", "b", 2L, 2),
                new AuditEvent(Node.timestampFor(1), AuditAction.CONFIG_CREATED, Node.ACTOR, "prod", "k", null, "a", 1L, 1)),
                node.machine.audit("prod", 50));
    }

    @Test
    void eachNamespaceKeepsOnlyItsNewestEventsUpToTheBound() {
        Node node = new Node(new ConfigStateMachine(5));
        for (int i = 1; i <= 12; i++) {
            node.setConfig("busy", "k" + i, "v");
        }
        node.setConfig("quiet", "k", "v");
        List<AuditEvent> busy = node.machine.audit("busy", 100);
        assertEquals(5, busy.size());
        assertEquals(List.of(12L, 11L, 10L, 9L, 8L), busy.stream().map(AuditEvent::revision).toList());
        assertEquals(1, node.machine.audit("quiet", 100).size());
    }

    @Test
    void theQueryLimitCutsTheNewestFirstList() {
        Node node = new Node();
        for (int i = 1; i <= 10; i++) {
            node.setConfig("prod", "k", "v" + i);
        }
        assertEquals(List.of(10L, 9L, 8L), node.machine.audit("prod", 3).stream().map(AuditEvent::revision).toList());
        assertEquals(List.of(), node.machine.audit("prod", 0));
        assertEquals(List.of(), node.machine.audit("unknown", 10));
        assertThrows(IllegalArgumentException.class, () -> node.machine.audit("prod", -1));
    }

    @Test
    void theDefaultBoundIsTenThousandEventsPerNamespace() {
        assertEquals(10_000, ConfigStateMachine.DEFAULT_AUDIT_EVENTS_PER_NAMESPACE);
        assertEquals(10_000, new ConfigStateMachine().auditEventsPerNamespace());
    }

    @Test
    void blobValuesAreAuditedAsReferencesAndStayReferencedWhileRetained() {
        Node node = new Node(new ConfigStateMachine(3));
        node.setBlob("prod", "big", Node.sha(1), 10);
        node.setBlob("prod", "big", Node.sha(2), 20);
        node.setNamespace("prod", "sha256:" + Node.sha(9), null);
        AuditEvent update = node.machine.audit("prod", 3).get(1);
        assertEquals("sha256:" + Node.sha(1), update.oldValue());
        assertEquals("sha256:" + Node.sha(2), update.newValue());
        assertEquals(Node.sha(1), update.oldBlob(), "the event marks the old value as a blob");
        assertEquals(Node.sha(2), update.newBlob());
        assertEquals(Set.of(Node.sha(1), Node.sha(2)), node.machine.referencedBlobHashes());

        node.setConfig("prod", "other", "x");
        node.setConfig("prod", "other", "y");
        assertEquals(Set.of(Node.sha(2)), node.machine.referencedBlobHashes(),
                "once the audit bound drops the old events only the current pointer remains");
    }

    @Test
    void anInlineValueThatReadsLikeABlobReferenceIsNeverTakenForOne() {
        Node node = new Node();
        String lookalike = "sha256:" + Node.sha(7);
        node.setConfig("prod", "k", lookalike);
        node.setConfig("prod", "k", "plain");
        node.deleteConfig("prod", "k");
        assertEquals(Set.of(), node.machine.referencedBlobHashes(),
                "no blob is referenced, so none is pinned, fetched or counted missing");
        assertEquals(lookalike, node.machine.audit("prod", 3).get(1).oldValue(), "the value is audited as written");
        assertEquals(null, node.machine.audit("prod", 3).get(1).oldBlob());
    }

    @Test
    void theBlobMarkersOfAuditEventsSurviveASnapshot() throws Exception {
        Node node = new Node();
        node.setConfig("prod", "k", "sha256:" + Node.sha(7));
        node.setBlob("prod", "k", Node.sha(8), 10);
        java.io.ByteArrayOutputStream snapshot = new java.io.ByteArrayOutputStream();
        node.machine.captureSnapshot().writeTo(snapshot);
        ConfigStateMachine restored = new ConfigStateMachine();
        restored.restore(new java.io.ByteArrayInputStream(snapshot.toByteArray()));
        assertEquals(Set.of(Node.sha(8)), restored.referencedBlobHashes());
        assertEquals(node.machine.audit("prod", 10), restored.audit("prod", 10));
    }
}
