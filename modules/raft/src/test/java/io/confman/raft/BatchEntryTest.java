package io.confman.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.command.Command;
import io.confman.codec.command.CommandBatch;
import io.confman.codec.command.CommandCodec;
import io.confman.codec.command.Preconditions;
import io.confman.codec.command.SetConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Batch entries: several commands in one log entry apply in order, each with its own result and
 * its own revision; revisions stay unique and increasing across batches, single entries, snapshots
 * and restores, and never fall below their entry's log index; a batch and the same commands one
 * entry each leave the same entries and versions.
 */
class BatchEntryTest {

    private static final String TS = "2026-02-12T10:00:00Z";

    private static SetConfig set(String key, String value, Preconditions preconditions) {
        return new SetConfig("prod", key, value, "string", Node.ACTOR, TS, preconditions);
    }

    private static ByteBuffer batch(Command... commands) {
        List<byte[]> encoded = new ArrayList<>();
        for (Command command : commands) {
            encoded.add(CommandCodec.encode(command));
        }
        return ByteBuffer.wrap(CommandBatch.encode(encoded));
    }

    @Test
    void commandsApplyInOrderEachWithItsOwnResultAndRevision() {
        ConfigStateMachine machine = new ConfigStateMachine();
        List<ApplyResult> results = machine.applyEntry(new LogPosition(1, 5), batch(
                set("a", "1", Preconditions.NONE),
                set("a", "2", Preconditions.ifMatch(1)),
                set("a", "3", Preconditions.ifMatch(1)),      // stale: a is at version 2 now
                set("b", "1", Preconditions.createOnlyIfAbsent())));

        assertEquals(4, results.size());
        assertEquals(5, assertInstanceOf(ApplyResult.Applied.class, results.get(0)).revision());
        assertEquals(6, assertInstanceOf(ApplyResult.Applied.class, results.get(1)).revision());
        ApplyResult.Rejected stale = assertInstanceOf(ApplyResult.Rejected.class, results.get(2));
        assertEquals(RejectReason.PRECONDITION_FAILED, stale.reason());
        assertEquals(2, stale.currentVersion());
        assertEquals(7, assertInstanceOf(ApplyResult.Applied.class, results.get(3)).revision(),
                "a rejected command takes no revision");

        assertEquals("2", machine.config("prod", "a").orElseThrow().value());
        assertEquals(6, machine.config("prod", "a").orElseThrow().revision());
        assertEquals(5, machine.lastAppliedIndex());
        assertEquals(List.of(7L, 6L, 5L), machine.audit("prod", 10).stream().map(e -> e.revision()).toList());
    }

    @Test
    void revisionsStayAheadOfTheLogIndexAfterABatchAndFollowItAgainLater() {
        ConfigStateMachine machine = new ConfigStateMachine();
        machine.applyEntry(new LogPosition(1, 10), batch(set("a", "1", Preconditions.NONE),
                set("b", "1", Preconditions.NONE), set("c", "1", Preconditions.NONE)));   // revisions 10, 11, 12
        ApplyResult next = machine.apply(new LogPosition(1, 11), CommandCodec.encode(set("d", "1", Preconditions.NONE)));
        assertEquals(13, assertInstanceOf(ApplyResult.Applied.class, next).revision());
        ApplyResult later = machine.apply(new LogPosition(1, 40), CommandCodec.encode(set("e", "1", Preconditions.NONE)));
        assertEquals(40, assertInstanceOf(ApplyResult.Applied.class, later).revision());
    }

    @Test
    void aBatchLeavesTheSameEntriesAsTheSameCommandsOneEntryEach() {
        List<Command> commands = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            commands.add(set("k" + (i % 7), "v" + i, i % 5 == 0 ? Preconditions.ifMatch(1) : Preconditions.NONE));
        }
        ConfigStateMachine batched = new ConfigStateMachine();
        List<ApplyResult> batchResults = batched.applyEntry(new LogPosition(1, 1), batch(commands.toArray(Command[]::new)));
        ConfigStateMachine single = new ConfigStateMachine();
        List<ApplyResult> singleResults = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            singleResults.add(single.apply(new LogPosition(1, i + 1), CommandCodec.encode(commands.get(i))));
        }
        assertEquals(singleResults.stream().map(BatchEntryTest::outcome).toList(),
                batchResults.stream().map(BatchEntryTest::outcome).toList());
        assertEquals(single.allConfigs().stream().map(e -> e.key() + "=" + e.value() + "@" + e.version()).toList(),
                batched.allConfigs().stream().map(e -> e.key() + "=" + e.value() + "@" + e.version()).toList());
    }

    private static String outcome(ApplyResult result) {
        return switch (result) {
            case ApplyResult.Applied a -> "applied";
            case ApplyResult.Rejected r -> "rejected " + r.reason() + " at " + r.currentVersion();
            case ApplyResult.Skipped s -> "skipped";
        };
    }

    @Test
    void theLastRevisionSurvivesASnapshotAndARestore() throws IOException {
        ConfigStateMachine machine = new ConfigStateMachine();
        machine.applyEntry(new LogPosition(1, 3), batch(set("a", "1", Preconditions.NONE),
                set("b", "1", Preconditions.NONE), set("c", "1", Preconditions.NONE)));   // revisions 3, 4, 5
        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        machine.captureSnapshot().writeTo(snapshot);
        ConfigStateMachine restored = new ConfigStateMachine();
        restored.restore(new ByteArrayInputStream(snapshot.toByteArray()));
        assertEquals(machine.stateHash(), restored.stateHash());

        ApplyResult next = restored.apply(new LogPosition(1, 4), CommandCodec.encode(set("d", "1", Preconditions.NONE)));
        assertEquals(6, assertInstanceOf(ApplyResult.Applied.class, next).revision());
    }

    @Test
    void aDamagedBatchIsSkippedAsOneEntryAndCounted() {
        ConfigStateMachine machine = new ConfigStateMachine();
        byte[] entry = CommandBatch.encode(List.of(CommandCodec.encode(set("a", "1", Preconditions.NONE)),
                CommandCodec.encode(set("b", "1", Preconditions.NONE))));
        ByteBuffer cut = ByteBuffer.wrap(entry, 0, entry.length - 3).slice();
        List<ApplyResult> results = machine.applyEntry(new LogPosition(1, 1), cut);
        assertEquals(1, results.size());
        assertInstanceOf(ApplyResult.Skipped.class, results.getFirst());
        assertEquals(1, machine.malformedEntryCount());
        assertTrue(machine.allConfigs().isEmpty());
    }
}
