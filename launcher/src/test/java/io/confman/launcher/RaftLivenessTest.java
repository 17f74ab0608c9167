package io.confman.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A node stops once its Raft server was seen stopped at ten checks in a row, and only then. */
class RaftLivenessTest {

    @Test
    void stopsOnceAfterTenChecksInARowAndNotForAShortReopen() {
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> reasons = new ArrayList<>();
        RaftLiveness liveness = new RaftLiveness(running::get, reasons::add);

        running.set(false);
        for (int i = 0; i < RaftLiveness.CHECKS_BEFORE_STOPPING - 1; i++) {
            liveness.check();
        }
        running.set(true);
        liveness.check();
        assertEquals(List.of(), reasons, "a server closed for less than ten checks (a reopen) is not a failure");

        running.set(false);
        for (int i = 0; i < RaftLiveness.CHECKS_BEFORE_STOPPING * 3; i++) {
            liveness.check();
        }
        assertEquals(1, reasons.size(), "told once");
        assertTrue(reasons.getFirst().contains("stopped on its own"), reasons::toString);
        liveness.close();
    }
}
