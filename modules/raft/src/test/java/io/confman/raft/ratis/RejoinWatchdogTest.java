package io.confman.raft.ratis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * When a wiped member asks for a new leader: only after a known leader has sent it nothing for
 * the whole grace period; snapshot chunks arriving are something, however long the snapshot takes.
 */
class RejoinWatchdogTest {
    private static final long GRACE = 3_000;

    @Test
    void asksOnceTheLeaderHasSentNothingForTheGracePeriod() {
        RejoinWatchdog.Patience patience = new RejoinWatchdog.Patience(GRACE);
        assertFalse(patience.exhausted(0, true, 0));
        assertFalse(patience.exhausted(2_000, true, 0));
        assertTrue(patience.exhausted(3_500, true, 0));
        assertFalse(patience.exhausted(4_000, true, 0), "the wait starts over after asking");
    }

    @Test
    void neverAsksWhileSnapshotChunksKeepArriving() {
        RejoinWatchdog.Patience patience = new RejoinWatchdog.Patience(GRACE);
        long received = 0;
        for (long now = 0; now < 60_000; now += 500) {
            received += 16L * 1024 * 1024;
            assertFalse(patience.exhausted(now, true, received), "at " + now + " ms");
        }
        assertFalse(patience.exhausted(60_500, true, received), "a stalled transfer starts the wait");
        assertTrue(patience.exhausted(64_000, true, received), "and asks after the grace period");
    }

    @Test
    void neverAsksWithoutAnotherLeader() {
        RejoinWatchdog.Patience patience = new RejoinWatchdog.Patience(GRACE);
        for (long now = 0; now < 20_000; now += 500) {
            assertFalse(patience.exhausted(now, false, 0));
        }
    }
}
