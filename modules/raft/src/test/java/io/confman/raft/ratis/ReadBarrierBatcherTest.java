package io.confman.raft.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Read-barrier sharing, driven by hand-completed barriers on the calling thread: a reader never
 * completes on a barrier that began before it asked, at most {@code maxInFlight} barriers are in
 * flight, a burst of readers costs one extra barrier, and a barrier that cannot even start fails
 * its reader without taking a slot for good.
 */
@Timeout(10)
class ReadBarrierBatcherTest {
    private final List<CompletableFuture<Void>> issued = new ArrayList<>();
    private final ReadBarrierBatcher batcher = new ReadBarrierBatcher(() -> {
        CompletableFuture<Void> barrier = new CompletableFuture<>();
        issued.add(barrier);
        return barrier;
    }, Runnable::run, 1);

    @Test
    void aReaderArrivingDuringABarrierWaitsForTheNextOne() {
        CompletableFuture<Void> first = batcher.barrier();
        CompletableFuture<Void> second = batcher.barrier();
        assertEquals(1, issued.size(), "one barrier in flight");

        issued.get(0).complete(null);
        assertTrue(first.isDone());
        assertFalse(second.isDone(), "the first barrier began before the second reader asked");
        assertEquals(2, issued.size(), "the next barrier starts once the first is done");

        issued.get(1).complete(null);
        assertTrue(second.isDone());
    }

    @Test
    void aBurstOfReadersSharesOneFollowUpBarrier() {
        CompletableFuture<Void> first = batcher.barrier();
        List<CompletableFuture<Void>> burst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            burst.add(batcher.barrier());
        }
        assertSame(burst.get(0), burst.get(49), "the burst waits on one shared barrier");
        issued.get(0).complete(null);
        issued.get(1).complete(null);
        assertTrue(first.isDone() && burst.stream().allMatch(CompletableFuture::isDone));
        assertEquals(2, issued.size());
    }

    @Test
    void aFailedBarrierFailsItsWaitingReadersAtOnceAndTheNextReaderStartsAFreshOne() {
        CompletableFuture<Void> first = batcher.barrier();
        CompletableFuture<Void> joiner = batcher.barrier();
        IllegalStateException noLeader = new IllegalStateException("no leader");
        issued.get(0).completeExceptionally(noLeader);
        assertTrue(first.isCompletedExceptionally());
        assertTrue(joiner.isCompletedExceptionally(), "the waiting reader is not left for another full round");
        assertSame(noLeader, joiner.exceptionNow());
        assertEquals(1, issued.size(), "no round is started for readers that were failed");

        CompletableFuture<Void> later = batcher.barrier();
        assertEquals(2, issued.size(), "nothing in flight, so a new barrier starts at once");
        issued.get(1).complete(null);
        assertTrue(later.isDone() && !later.isCompletedExceptionally());
    }

    @Test
    void withTwoSlotsReadersStartTheirOwnBarriersUntilBothAreTaken() {
        List<CompletableFuture<Void>> issuedHere = new ArrayList<>();
        ReadBarrierBatcher two = new ReadBarrierBatcher(() -> {
            CompletableFuture<Void> barrier = new CompletableFuture<>();
            issuedHere.add(barrier);
            return barrier;
        }, Runnable::run, 2);
        CompletableFuture<Void> first = two.barrier();
        CompletableFuture<Void> second = two.barrier();
        CompletableFuture<Void> third = two.barrier();
        CompletableFuture<Void> fourth = two.barrier();
        assertEquals(2, issuedHere.size(), "two barriers in flight, the rest wait");
        assertSame(third, fourth);

        issuedHere.get(1).complete(null);
        assertTrue(second.isDone());
        assertFalse(first.isDone());
        assertFalse(third.isDone(), "neither running barrier began after the third reader asked");
        assertEquals(3, issuedHere.size(), "the freed slot starts the waiting readers' barrier");
        issuedHere.get(2).complete(null);
        assertTrue(third.isDone() && fourth.isDone());
        assertFalse(first.isDone());
    }

    @Test
    void aBarrierThatCannotStartFailsItsReaderAndFreesTheSlot() {
        List<CompletableFuture<Void>> issuedHere = new ArrayList<>();
        boolean[] broken = {true};
        ReadBarrierBatcher one = new ReadBarrierBatcher(() -> {
            if (broken[0]) {
                throw new IllegalStateException("server closed");
            }
            CompletableFuture<Void> barrier = new CompletableFuture<>();
            issuedHere.add(barrier);
            return barrier;
        }, Runnable::run, 1);
        assertTrue(one.barrier().isCompletedExceptionally());
        broken[0] = false;
        CompletableFuture<Void> next = one.barrier();
        assertEquals(1, issuedHere.size(), "the slot was freed");
        issuedHere.getFirst().complete(null);
        assertTrue(next.isDone() && !next.isCompletedExceptionally());
    }
}
