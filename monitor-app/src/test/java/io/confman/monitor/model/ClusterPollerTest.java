package io.confman.monitor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.monitor.client.NodePoll;
import io.confman.monitor.fixtures.RecordedCluster;
import io.confman.monitor.logic.PollRound;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The poller against three recorded nodes on 127.0.0.1, with the same-thread executor standing in
 * for the FX thread: rounds carry one poll per node in order and keep coming at the interval; a
 * stopped node turns up as unreachable within one interval, and nothing arrives after stop.
 */
@Timeout(15)
class ClusterPollerTest {

    private static final Duration INTERVAL = Duration.ofMillis(500); // probe timeouts 250 / 400 ms: room for a busy machine

    @Test
    void roundsArriveWithOnePollPerNodeAndAStoppedNodeFailsWithinAnInterval() throws Exception {
        BlockingQueue<PollRound> rounds = new LinkedBlockingQueue<>();
        try (RecordedCluster cluster = new RecordedCluster(3);
             ClusterPoller poller = new ClusterPoller(DirectExecutor.INSTANCE, Clock.systemUTC(), rounds::add)) {
            cluster.healthy("node1", 3, 10);
            poller.start(cluster.urls(), INTERVAL);
            PollRound first = rounds.poll(5, TimeUnit.SECONDS);
            assertEquals(cluster.urls(), first.polls().stream().map(NodePoll::node).toList());
            PollRound answered = first;
            while (!answered.polls().stream().allMatch(NodePoll::reachable)) {
                answered = rounds.poll(5, TimeUnit.SECONDS); // a cold JVM may miss the first deadline
            }

            cluster.stop(2);
            rounds.clear();
            long stoppedAt = System.nanoTime();
            PollRound after;
            do {
                after = rounds.poll(5, TimeUnit.SECONDS);
            } while (after.polls().get(2).reachable());
            long tookMillis = (System.nanoTime() - stoppedAt) / 1_000_000;
            // Nominally within one interval; the bound leaves room for a paused JVM on a busy machine.
            assertTrue(tookMillis <= 4 * INTERVAL.toMillis(), "offline seen after " + tookMillis + " ms");
            // The other nodes stay reachable (a slow round on a busy machine may miss one deadline).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!after.polls().get(0).reachable() && System.nanoTime() < deadline) {
                after = rounds.poll(5, TimeUnit.SECONDS);
            }
            assertTrue(after.polls().get(0).reachable(), "node 0 answers while node 2 is down");
            assertFalse(after.polls().get(2).reachable(), "node 2 stays offline");

            poller.stop();
            Thread.sleep(INTERVAL.toMillis() * 2);
            rounds.clear();
            Thread.sleep(INTERVAL.toMillis() * 2);
            assertFalse(rounds.iterator().hasNext(), "no rounds after stop");
        }
    }
}
