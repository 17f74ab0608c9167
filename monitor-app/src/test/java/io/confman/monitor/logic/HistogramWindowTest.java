package io.confman.monitor.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.monitor.client.BucketCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Quantiles from scraped histograms, as Prometheus's {@code histogram_quantile} reads them: linear
 * within the bucket, the largest finite bound for {@code +Inf}, only what was counted within the
 * window, and a restarted node's counts starting the window over.
 */
class HistogramWindowTest {

    private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");
    private static final List<Double> BOUNDS = List.of(0.001, 0.01, 0.1, Double.POSITIVE_INFINITY);

    private static BucketCounts counts(double... cumulative) {
        List<Double> values = java.util.Arrays.stream(cumulative).boxed().toList();
        return new BucketCounts(BOUNDS, values, 0);
    }

    @Test
    void theQuantileIsInterpolatedWithinItsBucket() {
        double p99 = HistogramWindow.quantile(0.99, counts(0, 0, 0, 0), counts(90, 100, 100, 100));
        assertEquals(0.001 + 0.009 * 0.9, p99, 1e-12);
        assertEquals(0.0005, HistogramWindow.quantile(0.5, counts(0, 0, 0, 0), counts(100, 100, 100, 100)), 1e-12);
    }

    @Test
    void aQuantileInTheInfiniteBucketIsTheLargestFiniteBound() {
        assertEquals(0.1, HistogramWindow.quantile(0.99, counts(0, 0, 0, 0), counts(10, 10, 10, 100)), 1e-12);
    }

    @Test
    void onlyObservationsWithinTheWindowCount() {
        HistogramWindow window = new HistogramWindow(Duration.ofSeconds(10));
        assertTrue(Double.isNaN(window.record(T0, counts(0, 0, 0, 0), 0.99)), "one scrape has no difference");
        // 10 slow flushes early on...
        assertEquals(0.1, window.record(T0.plusSeconds(1), counts(0, 0, 0, 10), 0.99), 1e-12);
        // ...then only fast ones: once the slow ones leave the window, the p99 is fast again.
        window.record(T0.plusSeconds(6), counts(100, 100, 100, 110), 0.99);
        double later = window.record(T0.plusSeconds(13), counts(200, 200, 200, 210), 0.99);
        assertTrue(later <= 0.001, "p99 " + later);
        assertTrue(Double.isNaN(window.record(T0.plusSeconds(30), counts(200, 200, 200, 210), 0.99)),
                "nothing counted within the window");
    }

    @Test
    void countsThatWentDownStartTheWindowOver() {
        HistogramWindow window = new HistogramWindow(Duration.ofSeconds(10));
        window.record(T0, counts(0, 0, 0, 0), 0.99);
        window.record(T0.plusSeconds(1), counts(0, 0, 50, 50), 0.99);
        assertTrue(Double.isNaN(window.record(T0.plusSeconds(2), counts(1, 1, 1, 1), 0.99)), "restarted node");
        assertEquals(0.001 * 0.99 * 2 / 2, window.record(T0.plusSeconds(3), counts(3, 3, 3, 3), 0.99), 1e-12);
    }
}
