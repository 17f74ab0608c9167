package io.confman.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.launcher.cluster.Acknowledged.Ack;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rolling restart under write load, as an upgrade does it: each member in turn (the leader
 * among them) is stopped with SIGTERM, started again and waited for until it is ready, while
 * clients keep writing to whichever members are up. No acknowledged write is lost, and writes stay
 * available: the longest time without an acknowledged write during each restart stays within one
 * election timeout (3 s here). A stopping leader hands its leadership over first; without that,
 * the others waited out their election timeout and writes stalled for 3.3-3.5 s.
 */
@Timeout(300)
class RollingRestartTest {
    private static final Duration ELECTION = Duration.ofSeconds(60);
    private static final Duration ALLOWED_GAP = Duration.ofSeconds(3);
    private static final String NAMESPACE = "rolling";
    private static final int CLIENTS = 3;
    private static final int MAX_WRITES_PER_CLIENT = 20_000;

    @Test
    void everyMemberRestartsInTurnWithoutLosingOrStallingWrites() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            ClusterCalls calls = new ClusterCalls(cluster);
            cluster.awaitLeader(ELECTION);
            Map<String, Ack> acks = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<Long> ackTimes = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger refused = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.submit(() -> writeLoop(cluster, calls, client, acks, ackTimes, refused, stop));
            }

            List<String> gaps = new ArrayList<>();
            try {
                Thread.sleep(2_000);
                for (Node node : cluster.nodes()) {
                    boolean wasLeader = cluster.health(node).map(h -> node.baseUrl().equals(h.cluster().leader()))
                            .orElse(false);
                    long from = System.nanoTime();
                    node.terminate(Duration.ofSeconds(20));
                    cluster.start(node);
                    cluster.awaitHealth(node, ELECTION, node.id() + " ready after its restart",
                            h -> h.ready());
                    Thread.sleep(2_000);
                    Duration gap = longestGap(ackTimes, from, System.nanoTime());
                    gaps.add(node.id() + (wasLeader ? " (leader)" : "") + ": " + gap.toMillis() + " ms");
                    assertTrue(gap.compareTo(ALLOWED_GAP) <= 0, () -> node.id() + (wasLeader ? " (the leader)" : "")
                            + " restarted with writes stalled for " + gap.toMillis() + " ms");
                }
            } finally {
                stop.set(true);
                clients.shutdown();
                assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS), "clients finished");
            }
            System.out.printf("rolling restart: %d writes acknowledged, %d refused or unanswered; longest gap"
                    + " without an acknowledged write per restart: %s%n", ackTimes.size(), refused.get(), gaps);
            cluster.awaitLeader(ELECTION);
            Acknowledged.assertAllPresentOnEveryNode(cluster, calls, NAMESPACE, acks.values());
        }
    }

    /** Writes fresh keys to the members in turn, skipping one that is down, until told to stop. */
    private static void writeLoop(LocalCluster cluster, ClusterCalls calls, int client, Map<String, Ack> acks,
                                  ConcurrentLinkedQueue<Long> ackTimes, AtomicInteger refused, AtomicBoolean stop) {
        List<Node> nodes = cluster.nodes();
        for (int i = 0; i < MAX_WRITES_PER_CLIENT && !stop.get(); i++) {
            Node node = nodes.get((client + i) % nodes.size());
            if (!node.running()) {
                continue;
            }
            String key = "c" + client + "-k" + i;
            String value = "c" + client + "-w" + i;
            var response = calls.put(node, NAMESPACE, key, value);
            if (response.isPresent() && response.get().statusCode() == 200) {
                Acknowledged.record(acks, key, value, response.get());
                ackTimes.add(System.nanoTime());
            } else {
                refused.incrementAndGet();
            }
        }
    }

    /** The longest stretch between {@code from} and {@code to} without an acknowledgement. */
    private static Duration longestGap(ConcurrentLinkedQueue<Long> ackTimes, long from, long to) {
        List<Long> times = new ArrayList<>(ackTimes.stream().filter(t -> t >= from && t <= to).sorted().toList());
        times.addFirst(from);
        times.add(to);
        long longest = 0;
        for (int i = 1; i < times.size(); i++) {
            longest = Math.max(longest, times.get(i) - times.get(i - 1));
        }
        return Duration.ofNanos(longest);
    }
}
