package io.confman.launcher.ctl;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the writes of a restore or an import, at most {@code parallel} at once, each on a virtual
 * thread. The first write that fails stops the rest: no new write starts after it, and
 * {@link #finish} rethrows it once those already running have ended. Used from one thread.
 */
final class ParallelWrites implements AutoCloseable {
    /** The most writes one command keeps in flight. */
    static final int MAX_PARALLEL = 64;

    /** One write; its failure is a {@link CtlFailure} (or any runtime exception, a bug). */
    @FunctionalInterface
    interface Write {
        void run();
    }

    private final Semaphore slots;
    private final int parallel;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    ParallelWrites(int parallel) {
        if (parallel < 1 || parallel > MAX_PARALLEL) {
            throw new CtlFailure(Ctl.USAGE, "--parallel must be 1.." + MAX_PARALLEL + ", not " + parallel);
        }
        this.parallel = parallel;
        this.slots = new Semaphore(parallel);
    }

    /** Starts {@code write} once a slot is free; throws the first failure instead once there is one. */
    void submit(Write write) {
        rethrow();
        slots.acquireUninterruptibly();
        rethrow();
        threads.execute(() -> {
            try {
                write.run();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                slots.release();
            }
        });
    }

    /** Waits for every write started; throws the first failure. */
    void finish() {
        slots.acquireUninterruptibly(parallel);
        slots.release(parallel);
        rethrow();
    }

    private void rethrow() {
        RuntimeException first = failure.get();
        if (first != null) {
            finish(first);
        }
    }

    private void finish(RuntimeException first) {
        slots.acquireUninterruptibly(parallel);
        slots.release(parallel);
        throw first;
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            threads.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
