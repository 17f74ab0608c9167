package io.confman.launcher;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Stops a node whose Raft server stopped on its own. Ratis closes a member's server when, for
 * instance, its log writer fails; the process would then go on answering 503 and never catch up
 * until someone restarted it. Like etcd, which exits on such a failure, the node stops instead
 * (exit status 2), so that its supervisor (systemd, the container runtime) starts it again from
 * its storage. The server must be seen stopped at {@link #CHECKS_BEFORE_STOPPING} checks in a row,
 * so that a deliberate close-and-reopen never counts.
 */
final class RaftLiveness implements AutoCloseable {
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    static final int CHECKS_BEFORE_STOPPING = 10;

    private final BooleanSupplier running;
    private final Consumer<String> stop;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "raft-liveness");
        thread.setDaemon(true);
        return thread;
    });
    private int missed;
    private boolean stopped;

    /**
     * @param running whether the Raft server runs (asked once per check)
     * @param stop    told, once, why the node must stop
     */
    RaftLiveness(BooleanSupplier running, Consumer<String> stop) {
        this.running = running;
        this.stop = stop;
    }

    void start() {
        executor.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One look; on the watchdog thread (or a test's). */
    synchronized void check() {
        if (stopped) {
            return;
        }
        if (running.getAsBoolean()) {
            missed = 0;
            return;
        }
        missed++;
        if (missed >= CHECKS_BEFORE_STOPPING) {
            stopped = true;
            stop.accept("the Raft server of this node stopped on its own (its log says why); the node exits so "
                    + "that its supervisor starts it again from its storage");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
