package io.confman.monitor.logic;

import io.confman.monitor.client.BucketCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Quantiles of what a Prometheus histogram counted lately: the difference between the newest
 * scrape and the oldest one within {@link #span}, read as Prometheus's {@code histogram_quantile}
 * does (linear within the bucket that holds the quantile; the largest finite bound when it falls
 * into {@code +Inf}). A count that went down (the node restarted) starts the window over.
 * Not thread-safe; one window per node and histogram.
 */
public final class HistogramWindow {

    private record Scrape(Instant at, BucketCounts counts) {
    }

    private final Duration span;
    private final Deque<Scrape> scrapes = new ArrayDeque<>();

    /** @param span how far back the window reaches, e.g. 10 s */
    public HistogramWindow(Duration span) {
        this.span = span;
    }

    /**
     * Records a scrape and answers quantile {@code q} (0..1) of the observations since the oldest
     * scrape in the window, in the histogram's unit; NaN when there were none (or on the first).
     */
    public double record(Instant at, BucketCounts counts, double q) {
        Scrape newest = scrapes.peekLast();
        if (newest != null && (counts.count() < newest.counts().count()
                || !counts.upperBounds().equals(newest.counts().upperBounds()))) {
            scrapes.clear();
        }
        scrapes.addLast(new Scrape(at, counts));
        while (scrapes.size() > 2 && Duration.between(scrapes.peekFirst().at(), at).compareTo(span) > 0) {
            scrapes.removeFirst();
        }
        Scrape oldest = scrapes.peekFirst();
        return oldest == null || scrapes.size() < 2 ? Double.NaN : quantile(q, oldest.counts(), counts);
    }

    /** Quantile {@code q} of the observations counted in {@code later} but not in {@code earlier}. */
    static double quantile(double q, BucketCounts earlier, BucketCounts later) {
        List<Double> bounds = later.upperBounds();
        int n = bounds.size();
        double total = later.count() - earlier.count();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double below = 0;
        for (int i = 0; i < n; i++) {
            double cumulative = later.cumulativeCounts().get(i) - earlier.cumulativeCounts().get(i);
            if (cumulative >= rank) {
                if (i == n - 1) {
                    return n > 1 ? bounds.get(n - 2) : Double.NaN;
                }
                double lower = i == 0 ? 0 : bounds.get(i - 1);
                double inBucket = cumulative - below;
                return inBucket <= 0 ? bounds.get(i) : lower + (bounds.get(i) - lower) * (rank - below) / inBucket;
            }
            below = cumulative;
        }
        return bounds.get(n - 1);
    }
}
