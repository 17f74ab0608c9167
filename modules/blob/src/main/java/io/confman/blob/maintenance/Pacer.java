package io.confman.blob.maintenance;

/**
 * Spaces fetches so that, since the start of a run, neither the bytes nor the blob count exceed
 * what the limits allow: after each fetch it sleeps until the totals so far are within rate.
 */
final class Pacer {

    private static final double NANOS_PER_SECOND = 1e9;

    /** Time as the pacer sees it; a seam so tests need not sleep. */
    interface Ticker {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }

    private final ReconcileLimits limits;
    private final Ticker ticker;
    private final long startNanos;
    private long bytes;
    private long blobs;

    Pacer(ReconcileLimits limits, Ticker ticker) {
        this.limits = limits;
        this.ticker = ticker;
        this.startNanos = ticker.nanoTime();
    }

    /** Records one fetch attempt (0 bytes if it failed) and waits as long as the limits require. */
    void afterFetch(long sizeBytes) throws InterruptedException {
        bytes += sizeBytes;
        blobs++;
        double bytesSeconds = (double) bytes / limits.maxBytesPerSecond();
        double blobsSeconds = blobs / limits.maxBlobsPerSecond();
        long earliestNanos = startNanos + (long) (Math.max(bytesSeconds, blobsSeconds) * NANOS_PER_SECOND);
        long waitNanos = earliestNanos - ticker.nanoTime();
        if (waitNanos > 0) {
            ticker.sleepNanos(waitNanos);
        }
    }

    long elapsedNanos() {
        return ticker.nanoTime() - startNanos;
    }
}
