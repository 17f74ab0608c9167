package io.confman.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.command.Preconditions;
import io.confman.codec.command.SetConfigBlobRef;
import io.confman.codec.model.BlobRef;
import io.confman.codec.model.ConfigEntry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Config writes and deletes applied through encoded log entries: version and revision semantics,
 * blob pointers, the If-Match / If-None-Match preconditions, NOT_FOUND and INVALID rejections, and
 * that a rejection leaves the entry untouched while the applied index still advances.
 */
class ConfigCommandsTest {

    private final Node node = new Node();

    @Test
    void newKeyGetsVersionOneAndTheLogIndexAsRevision() {
        ApplyResult result = node.setConfig("prod", "db.url", "jdbc:x");
        ConfigEntry stored = storedEntry(result);
        assertEquals(new ConfigEntry("prod", "db.url", "jdbc:x", "string", 1, Node.timestampFor(1), Node.ACTOR, 1, null),
                stored);
        assertEquals(Optional.of(stored), node.machine.config("prod", "db.url"));
        assertEquals(1, node.machine.lastAppliedIndex());
    }

    @Test
    void eachUpdateAddsOneToTheVersionAndMovesTheRevision() {
        node.setConfig("prod", "k", "a");
        node.setConfig("other", "x", "1");
        node.setConfig("prod", "k", "b");
        ConfigEntry third = storedEntry(node.setConfig("prod", "k", "b"));
        assertEquals(3, third.version());
        assertEquals(4, third.revision());
        assertEquals("b", third.value());
    }

    @Test
    void aDeletedKeyStartsAgainAtVersionOne() {
        node.setConfig("prod", "k", "a");
        node.setConfig("prod", "k", "b");
        ApplyResult deleted = node.deleteConfig("prod", "k");
        assertEquals(2, assertInstanceOf(Change.ConfigDeleted.class, applied(deleted).change()).previous().version());
        assertEquals(Optional.empty(), node.machine.config("prod", "k"));
        assertEquals(1, storedEntry(node.setConfig("prod", "k", "c")).version());
    }

    @Test
    void writingIntoANamespaceThatWasNeverCreatedIsAllowed() {
        storedEntry(node.setConfig("never-created", "k", "v"));
        assertEquals(List.of(), node.machine.namespaces());
        assertEquals(1, node.machine.configs("never-created").size());
    }

    @Test
    void blobPointerReplacesAnInlineValueAndKeepsCounting() {
        node.setConfig("prod", "rates", "small");
        ConfigEntry stored = storedEntry(node.setBlob("prod", "rates", Node.sha(7), 100_000_000L));
        assertNull(stored.value());
        assertEquals(new BlobRef(Node.sha(7), 100_000_000L, "application/octet-stream"), stored.blob());
        assertEquals(SetConfigBlobRef.DEFAULT_TYPE, stored.type());
        assertEquals(2, stored.version());
    }

    @Test
    void ifMatchWithTheCurrentVersionApplies() {
        node.setConfig("prod", "k", "a");
        assertEquals(2, storedEntry(node.setConfig("prod", "k", "b", Preconditions.ifMatch(1))).version());
    }

    @Test
    void ifMatchWithAnotherVersionIsRejectedWithTheCurrentVersion() {
        node.setConfig("prod", "k", "a");
        node.setConfig("prod", "k", "b");
        ApplyResult.Rejected rejected = rejected(node.setConfig("prod", "k", "c", Preconditions.ifMatch(1)));
        assertEquals(RejectReason.PRECONDITION_FAILED, rejected.reason());
        assertEquals(2, rejected.currentVersion());
        assertEquals("b", node.machine.config("prod", "k").orElseThrow().value());
        assertEquals(3, node.machine.lastAppliedIndex(), "a rejected entry is still applied");
    }

    @Test
    void ifMatchOnAnAbsentKeyIsRejected() {
        ApplyResult.Rejected rejected = rejected(node.setConfig("prod", "k", "a", Preconditions.ifMatch(0)));
        assertEquals(RejectReason.PRECONDITION_FAILED, rejected.reason());
        assertEquals(ApplyResult.Rejected.NO_VERSION, rejected.currentVersion());
    }

    @Test
    void createOnlyAppliesToAnAbsentKeyAndIsRejectedForAnExistingOne() {
        assertEquals(1, storedEntry(node.setConfig("prod", "k", "a", Preconditions.createOnlyIfAbsent())).version());
        ApplyResult.Rejected rejected = rejected(node.setConfig("prod", "k", "b", Preconditions.createOnlyIfAbsent()));
        assertEquals(RejectReason.PRECONDITION_FAILED, rejected.reason());
        assertEquals(1, rejected.currentVersion());
    }

    @Test
    void deleteHonoursIfMatch() {
        node.setConfig("prod", "k", "a");
        assertEquals(RejectReason.PRECONDITION_FAILED,
                rejected(node.deleteConfig("prod", "k", Preconditions.ifMatch(5))).reason());
        applied(node.deleteConfig("prod", "k", Preconditions.ifMatch(1)));
    }

    @Test
    void ifMatchByRevisionMatchesOnlyTheValueWrittenAtThatRevisionNotAReCreatedOne() {
        long firstLife = storedEntry(node.setConfig("prod", "k", "a")).revision();
        applied(node.deleteConfig("prod", "k"));
        ConfigEntry reborn = storedEntry(node.setConfig("prod", "k", "b"));
        assertEquals(1, reborn.version(), "the version restarts, so it cannot tell the two lives apart");
        ApplyResult.Rejected rejected = rejected(node.setConfig("prod", "k", "c", Preconditions.ifMatchRevision(firstLife)));
        assertEquals(RejectReason.PRECONDITION_FAILED, rejected.reason());
        assertEquals(RejectReason.PRECONDITION_FAILED,
                rejected(node.deleteConfig("prod", "k", Preconditions.ifMatchRevision(firstLife))).reason());
        assertEquals("b", node.machine.config("prod", "k").orElseThrow().value());
        assertEquals(2, storedEntry(node.setConfig("prod", "k", "c",
                Preconditions.ifMatchRevision(reborn.revision()))).version());
    }

    @Test
    void deletingAnAbsentKeyIsNotFound() {
        assertEquals(RejectReason.NOT_FOUND, rejected(node.deleteConfig("prod", "missing")).reason());
        assertEquals(RejectReason.NOT_FOUND,
                rejected(node.deleteConfig("prod", "missing", Preconditions.ifMatch(1))).reason());
    }

    @Test
    void invalidContentIsRejectedAndStoresNothing() {
        assertEquals(RejectReason.INVALID, rejected(node.setConfig("prod", " ", "v")).reason());
        assertEquals(RejectReason.INVALID, rejected(node.setConfig("", "k", "v")).reason());
        assertEquals(RejectReason.INVALID, rejected(node.setBlob("prod", "k", "not-a-hash", 1)).reason());
        assertEquals(RejectReason.INVALID, rejected(node.setBlob("prod", "k", Node.sha(1), -1)).reason());
        assertEquals(RejectReason.INVALID,
                rejected(node.setConfig("prod", "k", "v", new Preconditions(1L, null, true))).reason());
        assertEquals(RejectReason.INVALID,
                rejected(node.setConfig("prod", "k", "v", new Preconditions(1L, 1L, false))).reason());
        assertEquals(List.of(), node.machine.allConfigs());
    }

    @Test
    void listsAreOrderedByNamespaceThenKey() {
        node.setConfig("b", "2", "x");
        node.setConfig("a", "9", "x");
        node.setConfig("b", "1", "x");
        assertEquals(List.of("a/9", "b/1", "b/2"),
                node.machine.allConfigs().stream().map(e -> e.namespace() + "/" + e.key()).toList());
        assertEquals(List.of("1", "2"), node.machine.configs("b").stream().map(ConfigEntry::key).toList());
        assertTrue(node.machine.configs("none").isEmpty());
    }

    static ApplyResult.Applied applied(ApplyResult result) {
        return assertInstanceOf(ApplyResult.Applied.class, result);
    }

    static ConfigEntry storedEntry(ApplyResult result) {
        return assertInstanceOf(Change.ConfigStored.class, applied(result).change()).entry();
    }

    static ApplyResult.Rejected rejected(ApplyResult result) {
        return assertInstanceOf(ApplyResult.Rejected.class, result);
    }
}
