package io.confman.raft;

import static io.confman.raft.ConfigCommandsTest.applied;
import static io.confman.raft.ConfigCommandsTest.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.confman.codec.model.AuditAction;
import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.Namespace;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Namespace commands: PUT creates or replaces (owner defaults to the actor, createdAt survives an
 * update), DELETE cascades to the namespace's configs in the same entry and records one
 * config.deleted event per removed key followed by namespace.deleted, and deleting an absent
 * namespace is NOT_FOUND.
 */
class NamespaceCommandsTest {

    private final Node node = new Node();

    @Test
    void ownerDefaultsToTheActor() {
        Change.NamespaceStored stored = assertInstanceOf(Change.NamespaceStored.class,
                applied(node.setNamespace("prod", "Production", null)).change());
        assertEquals(new Namespace("prod", "Production", Node.ACTOR, Node.timestampFor(1)), stored.namespace());
        assertEquals(true, stored.created());
        assertEquals(Optional.of(stored.namespace()), node.machine.namespace("prod"));
    }

    @Test
    void updateReplacesDescriptionAndOwnerButKeepsCreatedAt() {
        node.setNamespace("prod", "first", "team-a");
        Change.NamespaceStored updated = assertInstanceOf(Change.NamespaceStored.class,
                applied(node.setNamespace("prod", "second", "team-b")).change());
        assertEquals(new Namespace("prod", "second", "team-b", Node.timestampFor(1)), updated.namespace());
        assertEquals(false, updated.created());
        assertEquals(List.of(AuditAction.NAMESPACE_UPDATED, AuditAction.NAMESPACE_CREATED),
                node.machine.audit("prod", 10).stream().map(AuditEvent::action).toList());
    }

    @Test
    void deleteRemovesTheNamespaceAndAllItsConfigsAtomically() {
        node.setNamespace("prod", null, null);
        node.setConfig("prod", "b", "2");
        node.setConfig("prod", "a", "1");
        node.setConfig("other", "a", "keep");
        Change.NamespaceDeleted deleted = assertInstanceOf(Change.NamespaceDeleted.class,
                applied(node.deleteNamespace("prod")).change());
        assertEquals(2, deleted.deletedConfigs());
        assertEquals(Optional.empty(), node.machine.namespace("prod"));
        assertEquals(List.of(), node.machine.configs("prod"));
        assertEquals(1, node.machine.configs("other").size());
    }

    @Test
    void deleteRecordsOneEventPerRemovedKeyThenTheNamespaceEvent() {
        node.setNamespace("prod", null, null);
        node.setConfig("prod", "b", "2");
        node.setConfig("prod", "a", "1");
        node.deleteNamespace("prod");
        List<AuditEvent> events = node.machine.audit("prod", 3);
        assertEquals(List.of(AuditAction.NAMESPACE_DELETED, AuditAction.CONFIG_DELETED, AuditAction.CONFIG_DELETED),
                events.stream().map(AuditEvent::action).toList());
        assertEquals("b", events.get(1).key(), "config events are recorded in key order, so newest-first shows b");
        assertEquals("2", events.get(1).oldValue());
        assertEquals(4L, events.get(0).revision());
        assertEquals(4L, events.get(2).revision());
    }

    @Test
    void aNamespaceWithConfigsButNoRecordCanBeDeleted() {
        node.setConfig("implicit", "k", "v");
        Change.NamespaceDeleted deleted = assertInstanceOf(Change.NamespaceDeleted.class,
                applied(node.deleteNamespace("implicit")).change());
        assertEquals(null, deleted.previous());
        assertEquals(1, deleted.deletedConfigs());
    }

    @Test
    void deletingAnAbsentNamespaceIsNotFound() {
        assertEquals(RejectReason.NOT_FOUND, rejected(node.deleteNamespace("ghost")).reason());
    }

    @Test
    void recreatedKeysAfterANamespaceDeleteStartAtVersionOne() {
        node.setConfig("prod", "k", "1");
        node.setConfig("prod", "k", "2");
        node.deleteNamespace("prod");
        assertEquals(1, ConfigCommandsTest.storedEntry(node.setConfig("prod", "k", "3")).version());
    }
}
