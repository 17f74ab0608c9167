package io.confman.monitor.client;

import java.util.List;

/**
 * One Prometheus histogram as scraped: cumulative counts per upper bound, the last bound
 * {@code +Inf} (whose count is the number of observations), and the sum of the observations.
 *
 * @param upperBounds      bucket upper bounds in the histogram's unit, increasing, the last infinite
 * @param cumulativeCounts observations at or below each bound
 * @param sum              the sum of all observations, NaN when not served
 */
public record BucketCounts(List<Double> upperBounds, List<Double> cumulativeCounts, double sum) {

    public BucketCounts {
        upperBounds = List.copyOf(upperBounds);
        cumulativeCounts = List.copyOf(cumulativeCounts);
        if (upperBounds.isEmpty() || upperBounds.size() != cumulativeCounts.size()
                || upperBounds.getLast() != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("a histogram needs matching buckets ending in +Inf: " + upperBounds);
        }
    }

    /** How many observations there were. */
    public double count() {
        return cumulativeCounts.getLast();
    }
}
