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
 * completes on a barrier that began before it asked, at most one barrier is in flight, and a
 * burst of readers costs one extra barrier.
 */
@Timeout(10)
class ReadBarrierBatcherTest {
    private final List<CompletableFuture<Void>> issued = new ArrayList<>();
    private final ReadBarrierBatcher batcher = new ReadBarrierBatcher(() -> {
        CompletableFuture<Void> barrier = new CompletableFuture<>();
        issued.add(barrier);
        return barrier;
    }, Runnable::run);

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
    void aFailedBarrierFailsItsReadersAndTheNextReaderStartsAFreshOne() {
        CompletableFuture<Void> first = batcher.barrier();
        CompletableFuture<Void> joiner = batcher.barrier();
        issued.get(0).completeExceptionally(new IllegalStateException("no leader"));
        assertTrue(first.isCompletedExceptionally());
        issued.get(1).completeExceptionally(new IllegalStateException("still no leader"));
        assertTrue(joiner.isCompletedExceptionally());

        CompletableFuture<Void> later = batcher.barrier();
        assertEquals(3, issued.size(), "nothing in flight, so a new barrier starts at once");
        issued.get(2).complete(null);
        assertTrue(later.isDone() && !later.isCompletedExceptionally());
    }
}
