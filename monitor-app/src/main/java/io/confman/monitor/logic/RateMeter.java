package io.confman.monitor.logic;

import java.time.Duration;
import java.time.Instant;

/**
 * Derives a rate (per second) from successive readings of a counter such as a commit index.
 * A counter that goes down (a restarted node, another leader answering) restarts the meter
 * instead of producing a negative rate. Not thread-safe; one meter per counter.
 */
public final class RateMeter {

    private Instant lastAt;
    private long lastValue;

    /**
     * Records a reading.
     *
     * @return the rate since the previous reading in units per second, or {@code NaN} for the first
     *         reading, after a reset, or when no time passed
     */
    public double record(Instant at, long value) {
        Instant previousAt = lastAt;
        long previousValue = lastValue;
        lastAt = at;
        lastValue = value;
        if (previousAt == null || value < previousValue) {
            return Double.NaN;
        }
        long nanos = Duration.between(previousAt, at).toNanos();
        if (nanos <= 0) {
            return Double.NaN;
        }
        return (value - previousValue) * 1_000_000_000.0 / nanos;
    }

    /** Forgets the last reading, e.g. when a node went offline. */
    public void reset() {
        lastAt = null;
    }
}
