package io.confman.raft.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.command.CommandBatch;
import io.confman.codec.command.CommandCodec;
import io.confman.codec.command.Preconditions;
import io.confman.codec.command.SetConfig;
import io.confman.raft.ApplyResult;
import io.confman.raft.ConfigStateMachine;
import io.confman.raft.LogPosition;
import io.confman.raft.node.RaftUnavailableException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Group commit: while the in-flight limit is reached, commands wait and then go out as one batch
 * entry whose results reach each caller in order; a lone command goes out at once in the
 * single-command form; a failed entry fails every command in it and frees its slot.
 */
class ProposalBatcherTest {

    /** A Raft stand-in that holds every proposed entry until the test commits it. */
    private static final class HeldLog {
        final ConfigStateMachine machine = new ConfigStateMachine();
        final List<byte[]> entries = new ArrayList<>();
        final List<CompletableFuture<List<ApplyResult>>> replies = new ArrayList<>();
        private long index;

        /** A batcher proposing to this log, sending each next batch on the thread that answered. */
        ProposalBatcher batcher(int maxInFlight) {
            return new ProposalBatcher(this::propose, maxInFlight, Runnable::run);
        }

        synchronized CompletableFuture<List<ApplyResult>> propose(byte[] entry) {
            entries.add(entry);
            CompletableFuture<List<ApplyResult>> reply = new CompletableFuture<>();
            replies.add(reply);
            return reply;
        }

        /**
         * Applies entry {@code i} at the next log index and answers it with its results (their
         * encoding across the network is ReplyCodecTest's).
         */
        void commit(int i) {
            ByteBuffer entry = ByteBuffer.wrap(entries.get(i));
            replies.get(i).complete(machine.applyEntry(new LogPosition(1, ++index), entry));
        }
    }

    private static byte[] set(String key, long ifMatch) {
        return CommandCodec.encode(new SetConfig("ns", key, "v", "string", "tester", "2026-02-12T10:00:00Z",
                ifMatch == 0 ? Preconditions.NONE : Preconditions.ifMatch(ifMatch)));
    }

    @Test
    void commandsArrivingWhileTheLimitIsReachedGoOutTogetherInOrder() throws Exception {
        HeldLog log = new HeldLog();
        ProposalBatcher batcher = log.batcher(1);
        CompletableFuture<ApplyResult> first = batcher.submit(set("a", 0));
        List<CompletableFuture<ApplyResult>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(batcher.submit(set("k" + i, 0)));
        }
        waiting.add(batcher.submit(set("a", 7)));            // stale precondition: rejected on its own
        assertEquals(1, log.entries.size(), "only one entry in flight");
        assertFalse(CommandBatch.isBatch(ByteBuffer.wrap(log.entries.getFirst())), "a lone command is sent as it is");

        log.commit(0);
        assertEquals(1, assertInstanceOf(ApplyResult.Applied.class, first.get()).revision());
        assertEquals(2, log.entries.size());
        assertTrue(CommandBatch.isBatch(ByteBuffer.wrap(log.entries.get(1))));
        log.commit(1);
        for (int i = 0; i < 5; i++) {
            assertEquals(2 + i, assertInstanceOf(ApplyResult.Applied.class, waiting.get(i).get()).revision());
        }
        assertInstanceOf(ApplyResult.Rejected.class, waiting.get(5).get());
    }

    @Test
    void upToTheLimitEntriesAreInFlightAtOnce() {
        HeldLog log = new HeldLog();
        ProposalBatcher batcher = log.batcher(3);
        for (int i = 0; i < 10; i++) {
            batcher.submit(set("k" + i, 0));
        }
        assertEquals(3, log.entries.size());
        log.commit(0);
        assertEquals(4, log.entries.size(), "the seven waiting commands go out as one entry");
        assertEquals(7, CommandBatch.decode(ByteBuffer.wrap(log.entries.get(3))).size());
    }

    @Test
    void aFailedEntryFailsEveryCommandInItAndFreesItsSlot() throws Exception {
        HeldLog log = new HeldLog();
        ProposalBatcher batcher = log.batcher(1);
        CompletableFuture<ApplyResult> first = batcher.submit(set("a", 0));
        CompletableFuture<ApplyResult> second = batcher.submit(set("b", 0));
        CompletableFuture<ApplyResult> third = batcher.submit(set("c", 0));
        RaftUnavailableException.NoLeader noLeader = new RaftUnavailableException.NoLeader("no leader", null);
        log.replies.getFirst().completeExceptionally(noLeader);
        assertSame(noLeader, assertThrows(ExecutionException.class, first::get).getCause());
        log.replies.get(1).completeExceptionally(noLeader);
        assertSame(noLeader, assertThrows(ExecutionException.class, second::get).getCause());
        assertSame(noLeader, assertThrows(ExecutionException.class, third::get).getCause());

        CompletableFuture<ApplyResult> after = batcher.submit(set("d", 0));
        assertEquals(3, log.entries.size(), "the slot was freed");
        log.commit(2);
        assertInstanceOf(ApplyResult.Applied.class, after.get());
    }

    @Test
    void aWaitingCommandWhoseCallerGaveUpIsNeverProposed() throws Exception {
        HeldLog log = new HeldLog();
        ProposalBatcher batcher = log.batcher(1);
        CompletableFuture<ApplyResult> first = batcher.submit(set("a", 0));
        CompletableFuture<ApplyResult> abandoned = batcher.submit(set("b", 0));
        abandoned.cancel(false);
        log.commit(0);
        assertInstanceOf(ApplyResult.Applied.class, first.get());
        assertEquals(1, log.entries.size(), "nothing left to propose");
        CompletableFuture<ApplyResult> later = batcher.submit(set("c", 0));
        assertEquals(2, log.entries.size(), "the slot was freed");
        log.commit(1);
        assertInstanceOf(ApplyResult.Applied.class, later.get());
        assertTrue(log.machine.config("ns", "b").isEmpty());
    }

    @Test
    void aBatchStopsAtItsByteLimitAndTheRestFollows() {
        HeldLog log = new HeldLog();
        ProposalBatcher batcher = log.batcher(1);
        batcher.submit(set("first", 0));
        String big = "x".repeat(ProposalBatcher.MAX_BATCH_BYTES / 3);
        for (int i = 0; i < 4; i++) {
            batcher.submit(CommandCodec.encode(new SetConfig("ns", "big" + i, big, "string", "tester",
                    "2026-02-12T10:00:00Z", Preconditions.NONE)));
        }
        log.commit(0);
        assertEquals(2, CommandBatch.decode(ByteBuffer.wrap(log.entries.get(1))).size());
        log.commit(1);
        assertEquals(2, CommandBatch.decode(ByteBuffer.wrap(log.entries.get(2))).size());
    }
}
