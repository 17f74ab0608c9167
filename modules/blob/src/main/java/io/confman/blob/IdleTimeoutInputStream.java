package io.confman.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A stream whose every read must return within an idle timeout: a sender that stops in the middle
 * of a body (a peer serving a blob, a client uploading one) is given up instead of holding the
 * reader, and everyone waiting on it, forever. Socket streams of the JDK's HTTP client and of
 * the web server block interruptibly, so a watchdog interrupts a read that has waited too long;
 * the read then fails with an {@link IdleTimeoutException} naming the timeout.
 *
 * <p>The interrupt is delivered only while the reading thread is inside a read: a lock orders the
 * watchdog's check against the start and end of each read, so a late check never interrupts
 * whatever the thread does next (such as writing to a file channel, which an interrupt would
 * close). A read is cut off after at least the timeout and at most 1.125 times it. Not for
 * concurrent readers, like any stream.
 */
public final class IdleTimeoutInputStream extends InputStream {
    private final InputStream in;
    private final Duration idleTimeout;
    private final ScheduledExecutorService watchdogs;
    /** How often, per timeout, a stream in use is checked: a stalled read fails within 1.125 timeouts. */
    private static final long CHECKS_PER_TIMEOUT = 8;
    private static final long MIN_CHECK_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Object lock = new Object();
    /** The thread inside a read, or null between reads; guarded by {@link #lock}, as are the rest. */
    private Thread reader;
    private boolean fired;
    private long readStartedNanos;
    private long lastReadEndedNanos;
    /** The periodic check while this stream is in use, or null. */
    private ScheduledFuture<?> check;

    /**
     * @param in          the stream to read
     * @param idleTimeout longest wait for one read
     * @param watchdogs   where watchdogs are scheduled (see {@link #watchdogThread})
     */
    public IdleTimeoutInputStream(InputStream in, Duration idleTimeout, ScheduledExecutorService watchdogs) {
        this.in = Objects.requireNonNull(in, "in");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.watchdogs = Objects.requireNonNull(watchdogs, "watchdogs");
    }

    /**
     * A daemon watchdog thread for these streams: each stream in use has one periodic check on it
     * (not one task per read, which would wake this thread for every few kilobytes read).
     * Cancelled checks are removed at once rather than piling up.
     */
    public static ScheduledThreadPoolExecutor watchdogThread(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @Override
    public int read() throws IOException {
        return timed(in::read);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return timed(() -> in.read(b, off, len));
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (check != null) {
                check.cancel(false);
                check = null;
            }
        }
        in.close();
    }

    private interface Read {
        int run() throws IOException;
    }

    private int timed(Read read) throws IOException {
        synchronized (lock) {
            reader = Thread.currentThread();
            fired = false;
            readStartedNanos = System.nanoTime();
            if (check == null) {
                long period = Math.max(idleTimeout.toNanos() / CHECKS_PER_TIMEOUT, MIN_CHECK_PERIOD_NANOS);
                check = watchdogs.scheduleWithFixedDelay(this::check, period, period, TimeUnit.NANOSECONDS);
            }
        }
        int result;
        try {
            result = read.run();
        } catch (IOException | RuntimeException e) {
            endRead(e);
            throw e;
        }
        endRead(null);
        return result;
    }

    /**
     * Runs on the watchdog thread every fraction of the timeout while reads go on: interrupts a
     * read that has waited the whole timeout; stops itself once no read has run for a while (the
     * next read starts it again), so an abandoned stream leaves nothing scheduled.
     */
    private void check() {
        synchronized (lock) {
            long now = System.nanoTime();
            if (reader != null) {
                if (now - readStartedNanos >= idleTimeout.toNanos()) {
                    fired = true;
                    reader.interrupt();
                }
            } else if (check != null && now - lastReadEndedNanos >= 2 * idleTimeout.toNanos()) {
                check.cancel(false);
                check = null;
            }
        }
    }

    /** Ends a read; throws when the watchdog fired during it, leaving no interrupt behind. */
    private void endRead(Exception failure) throws InterruptedIOException {
        synchronized (lock) {
            reader = null;
            lastReadEndedNanos = System.nanoTime();
            if (fired) {
                fired = false;
                Thread.interrupted();
                IdleTimeoutException timedOut = new IdleTimeoutException(idleTimeout);
                if (failure != null) {
                    timedOut.addSuppressed(failure);
                }
                throw timedOut;
            }
        }
    }

    /** A read waited longer than the idle timeout: the sender stalled. */
    public static final class IdleTimeoutException extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        IdleTimeoutException(Duration idleTimeout) {
            super("nothing arrived for " + idleTimeout.toMillis() + " ms");
        }
    }
}
