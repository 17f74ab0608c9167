package io.confman.blob.maintenance;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * One task scheduled with a fixed delay on an executor the caller owns. A failing run is logged
 * and the next one still happens. Stopping cancels future runs and lets a running one finish.
 */
final class Periodic {

    /** The work of one run. */
    @FunctionalInterface
    interface Run {
        void run() throws Exception;
    }

    private final String name;
    private final Logger log;
    private ScheduledFuture<?> scheduled;

    Periodic(String name, Logger log) {
        this.name = name;
        this.log = log;
    }

    synchronized void start(ScheduledExecutorService executor, Duration initialDelay, Duration interval, Run run) {
        if (scheduled != null) {
            throw new IllegalStateException(name + " is already started");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(name + " interval must be positive: " + interval);
        }
        scheduled = executor.scheduleWithFixedDelay(() -> {
            try {
                run.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.warn("{} run failed; retrying in {}", name, interval, e);
            }
        }, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
    }

    synchronized boolean isStarted() {
        return scheduled != null;
    }
}
