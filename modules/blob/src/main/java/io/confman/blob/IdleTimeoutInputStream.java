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
 * <p>The interrupt is delivered only while the reading thread is inside the read it was armed
 * for: a lock orders the watchdog against the end of each read, and a generation number tells
 * reads apart, so a late watchdog never interrupts whatever the thread does next (such as writing
 * to a file channel, which an interrupt would close, or a later read).
 * Not for concurrent readers, like any stream.
 */
public final class IdleTimeoutInputStream extends InputStream {
    private final InputStream in;
    private final Duration idleTimeout;
    private final ScheduledExecutorService watchdogs;
    private final Object lock = new Object();
    private Thread reader;
    private boolean fired;
    /** Which read a watchdog belongs to: a late watchdog of an earlier read must not fire on a later one. */
    private long generation;

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
     * A daemon watchdog thread for these streams. A watchdog is scheduled for every read and
     * nearly always cancelled, so cancelled ones are removed at once rather than piling up.
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
        in.close();
    }

    private interface Read {
        int run() throws IOException;
    }

    private int timed(Read read) throws IOException {
        long thisRead;
        synchronized (lock) {
            reader = Thread.currentThread();
            fired = false;
            thisRead = ++generation;
        }
        ScheduledFuture<?> watchdog = watchdogs.schedule(() -> fire(thisRead), idleTimeout.toNanos(),
                TimeUnit.NANOSECONDS);
        int result;
        try {
            result = read.run();
        } catch (IOException | RuntimeException e) {
            disarm(watchdog, e);
            throw e;
        }
        disarm(watchdog, null);
        return result;
    }

    private void fire(long read) {
        synchronized (lock) {
            if (reader != null && generation == read) {
                fired = true;
                reader.interrupt();
            }
        }
    }

    /** Ends a read; throws when the watchdog fired during it, leaving no interrupt behind. */
    private void disarm(ScheduledFuture<?> watchdog, Exception failure) throws InterruptedIOException {
        watchdog.cancel(false);
        synchronized (lock) {
            reader = null;
            if (fired) {
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
