package io.confman.raft.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.command.CommandBatch;
import io.confman.codec.command.CommandCodec;
import io.confman.codec.command.DeleteConfig;
import io.confman.codec.command.Preconditions;
import io.confman.codec.command.SetConfig;
import io.confman.raft.ApplyResult;
import io.confman.raft.Change;
import io.confman.raft.ConfigStateMachine;
import io.confman.raft.RejectReason;
import io.confman.raft.store.ReplicatedConfigStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link ClusterNode} contract, one body of assertions run against every implementation: the
 * in-memory twin ({@link InMemoryClusterNodeTest}) and real Ratis nodes ({@code
 * RatisClusterNodeContractTest}, three members in this JVM on loopback), so that the twin the web
 * tests use cannot drift from the real node. Covered: results per command (applied, rejected,
 * skipped), batch entries, order and revisions, status, linearizable reads through another node,
 * stale reads on the node that applied, refused membership changes, and the failure a node without
 * a quorum answers (last, since it takes the quorum away). Each test uses its own keys; the group lives for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
abstract class ClusterNodeContract {
    private static final long WAIT_SECONDS = 30;

    /** The nodes of one group as the contract uses them. */
    interface Group extends AutoCloseable {
        /** The node that applies an entry before it answers its proposer. */
        ClusterNode leader();

        /** A node that takes proposals (on a real cluster one that forwards them). */
        ClusterNode writer();

        /** A node that reads (on a real cluster neither the leader nor the writer). */
        ClusterNode reader();

        /** The state machine {@code node} applies to. */
        ConfigStateMachine state(ClusterNode node);

        /** Takes the quorum away from {@code survivor}: it can no longer commit anything. */
        void cutOffQuorum(ClusterNode survivor) throws Exception;

        @Override
        void close();
    }

    /** Starts the group the class's tests share. */
    abstract Group startGroup() throws Exception;

    private Group group;

    @BeforeAll
    void start() throws Exception {
        group = startGroup();
    }

    @AfterAll
    void stop() {
        if (group != null) {
            group.close();
        }
    }

    private static byte[] set(String key, String value, Preconditions preconditions) {
        return CommandCodec.encode(new SetConfig("contract", key, value, "string", "tester",
                "2026-12-01T10:00:00Z", preconditions));
    }

    private static byte[] delete(String key) {
        return CommandCodec.encode(new DeleteConfig("contract", key, "tester", "2026-12-01T10:00:00Z",
                Preconditions.NONE));
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static ApplyResult.Applied applied(ApplyResult result) {
        return assertInstanceOf(ApplyResult.Applied.class, result, result::toString);
    }

    @Test
    @Order(1)
    void aProposalIsAnsweredWithItsResultOnceTheNodeThatAnswersHasAppliedIt() throws Exception {
        List<ApplyResult> results = await(group.leader().propose(set("first", "v1", Preconditions.NONE)));
        assertEquals(1, results.size(), results::toString);
        ApplyResult.Applied applied = applied(results.getFirst());
        Change.ConfigStored stored = assertInstanceOf(Change.ConfigStored.class, applied.change());
        assertTrue(stored.created());
        assertEquals(1, stored.entry().version());
        assertEquals(applied.revision(), stored.entry().revision());
        assertTrue(applied.revision() > 0);
        ConfigStateMachine state = group.state(group.leader());
        assertEquals("v1", state.config("contract", "first").orElseThrow().value(), "applied before the answer");
        assertTrue(state.lastAppliedIndex() >= applied.revision());
        assertTrue(group.leader().status().appliedIndex() >= applied.revision());
    }

    @Test
    @Order(2)
    void proposalsOneAfterAnotherApplyInOrderWithIncreasingRevisions() throws Exception {
        long lastRevision = 0;
        for (int i = 1; i <= 20; i++) {
            ApplyResult.Applied applied = applied(
                    await(group.writer().propose(set("ordered", "v" + i, Preconditions.NONE))).getFirst());
            Change.ConfigStored stored = assertInstanceOf(Change.ConfigStored.class, applied.change());
            assertEquals(i, stored.entry().version(), "versions count the writes in order");
            assertTrue(applied.revision() > lastRevision, "revisions increase: " + applied.revision());
            lastRevision = applied.revision();
        }
    }

    @Test
    @Order(3)
    void aBatchEntryIsAnsweredWithOneResultPerCommandInOrder() throws Exception {
        List<ApplyResult> results = await(group.writer().propose(CommandBatch.encode(List.of(
                set("batch-a", "1", Preconditions.NONE),
                set("batch-b", "1", Preconditions.NONE),
                set("batch-a", "2", Preconditions.ifMatch(7))))));
        assertEquals(3, results.size(), results::toString);
        long first = applied(results.get(0)).revision();
        long second = applied(results.get(1)).revision();
        assertTrue(second > first, "the later command of a batch gets the higher revision");
        ApplyResult.Rejected stale = assertInstanceOf(ApplyResult.Rejected.class, results.get(2));
        assertEquals(RejectReason.PRECONDITION_FAILED, stale.reason());
        assertEquals(1, stale.currentVersion());
    }

    @Test
    @Order(4)
    void aBrokenRuleIsARejectedResultAndBadBytesASkippedOneNeitherAFailure() throws Exception {
        ApplyResult missing = await(group.writer().propose(delete("never-written"))).getFirst();
        assertEquals(RejectReason.NOT_FOUND, assertInstanceOf(ApplyResult.Rejected.class, missing).reason());
        ApplyResult garbage = await(group.writer().propose(new byte[] {(byte) 0xFF, 0x13, 0x37})).getFirst();
        assertInstanceOf(ApplyResult.Skipped.class, garbage);
        assertTrue(group.state(group.leader()).malformedEntryCount() >= 1);
    }

    @Test
    @Order(5)
    void aReadBarrierOnAnyNodeMakesEveryAcknowledgedWriteVisibleThere() throws Exception {
        for (int i = 0; i < 5; i++) {
            String value = "seen-" + i;
            await(group.writer().propose(set("barrier", value, Preconditions.NONE)));
            await(group.reader().readBarrier());
            assertEquals(value, group.state(group.reader()).config("contract", "barrier").orElseThrow().value());
        }
    }

    @Test
    @Order(6)
    void theStoreOverTheNodeServesItsWritesToLinearizableAndStaleReads() throws Exception {
        ReplicatedConfigStore writing = new ReplicatedConfigStore(group.leader(), group.state(group.leader()));
        ReplicatedConfigStore reading = new ReplicatedConfigStore(group.reader(), group.state(group.reader()));
        List<CompletableFuture<ApplyResult>> writes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            writes.add(writing.submit(new SetConfig("contract", "store-" + i, "v", "string", "tester",
                    "2026-12-01T10:00:00Z", Preconditions.NONE)));
        }
        for (CompletableFuture<ApplyResult> write : writes) {
            applied(await(write));
        }
        assertEquals(0, writing.pendingProposals());
        assertEquals(0, writing.failedProposals());
        assertTrue(writing.stale().config("contract", "store-9").isPresent(), "the leader applied before answering");
        assertTrue(await(reading.linearizable()).config("contract", "store-9").isPresent());
    }

    @Test
    @Order(7)
    void theLeaderReportsItselfAsALeaderThatIsReady() {
        NodeStatus status = group.leader().status();
        assertEquals(NodeStatus.Role.LEADER, status.role());
        assertEquals(group.leader().nodeId(), status.leaderId().orElseThrow());
        assertTrue(status.ready());
        assertTrue(status.commitIndex() >= status.appliedIndex() && status.appliedIndex() > 0, status::toString);
        assertTrue(group.leader().raftRunning());
    }

    @Test
    @Order(8)
    void membershipChangesThatCannotBeAreRefusedWithTheirReasonAndChangeNothing() throws Exception {
        ClusterNode node = group.writer();
        List<ClusterMember> before = node.members();
        assertTrue(before.stream().anyMatch(m -> m.id().equals(group.leader().nodeId()) && m.voting()), before::toString);
        Member taken = before.getFirst().member();
        ExecutionException conflict = assertThrows(ExecutionException.class, () -> await(node.addMember(
                new Member(taken.id(), java.net.URI.create("http://127.0.0.1:1/"), "127.0.0.1", 3))));
        assertEquals(MembershipChangeRefused.Reason.CONFLICT,
                assertInstanceOf(MembershipChangeRefused.class, conflict.getCause()).reason());
        ExecutionException unknown = assertThrows(ExecutionException.class, () -> await(node.removeMember("nobody")));
        assertEquals(MembershipChangeRefused.Reason.UNKNOWN_MEMBER,
                assertInstanceOf(MembershipChangeRefused.class, unknown.getCause()).reason());
        assertEquals(before, node.members());
    }

    @Test
    @Order(100)
    void withoutAQuorumProposalsAndReadBarriersFailAsUnavailable() throws Exception {
        ClusterNode survivor = group.leader();
        group.cutOffQuorum(survivor);
        ExecutionException write = assertThrows(ExecutionException.class,
                () -> await(survivor.propose(set("lost", "v", Preconditions.NONE))));
        assertInstanceOf(RaftUnavailableException.class, write.getCause(), write::toString);
        ExecutionException read = assertThrows(ExecutionException.class, () -> await(survivor.readBarrier()));
        assertInstanceOf(RaftUnavailableException.class, read.getCause(), read::toString);
    }

    /** Polls {@code condition} until it holds, for at most {@link #WAIT_SECONDS}. */
    static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TimeoutException("interrupted while waiting for " + what);
            }
        }
    }
}
