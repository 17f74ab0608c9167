package io.confman.raft.node;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts durations into fixed buckets, lock-free ({@link LongAdder}s), for the Prometheus
 * histograms of {@code /metrics}. Recording costs a few additions on the recording thread; any
 * thread may take a {@link #snapshot} at any time (its counts may be a few observations apart).
 */
public final class DurationHistogram {
    /** Bucket upper bounds in seconds, 100 µs to 10 s (Prometheus adds {@code +Inf}). */
    public static final List<Double> UPPER_BOUNDS_SECONDS = List.of(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
            0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);
    private static final long[] UPPER_BOUNDS_NANOS = UPPER_BOUNDS_SECONDS.stream()
            .mapToLong(seconds -> Math.round(seconds * 1e9)).toArray();

    private final LongAdder[] buckets = new LongAdder[UPPER_BOUNDS_NANOS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    public DurationHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Records one duration. */
    public void observeNanos(long nanos) {
        int bucket = 0;
        while (bucket < UPPER_BOUNDS_NANOS.length && nanos > UPPER_BOUNDS_NANOS[bucket]) {
            bucket++;
        }
        buckets[bucket].increment();
        sumNanos.add(Math.max(0, nanos));
    }

    /** The counts so far, cumulative per bucket as Prometheus wants them. */
    public Snapshot snapshot() {
        long[] cumulative = new long[buckets.length];
        long running = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += buckets[i].sum();
            cumulative[i] = running;
        }
        return new Snapshot(cumulative, sumNanos.sum() / 1e9);
    }

    /**
     * A histogram's counts at one moment.
     *
     * @param cumulativeCounts observations at or below each of {@link #UPPER_BOUNDS_SECONDS}, then
     *                         all of them ({@code +Inf})
     * @param sumSeconds       the sum of all observed durations
     */
    public record Snapshot(long[] cumulativeCounts, double sumSeconds) {
        public Snapshot {
            cumulativeCounts = cumulativeCounts.clone();
        }

        /** How many durations were observed. */
        public long count() {
            return cumulativeCounts[cumulativeCounts.length - 1];
        }

        /** The cumulative count of bucket {@code i} ({@code i == UPPER_BOUNDS_SECONDS.size()}: +Inf). */
        public long cumulativeCount(int i) {
            return cumulativeCounts[i];
        }
    }
}
