package io.confman.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The idle timeout on a real watchdog thread: a read that gets nothing fails after the timeout
 * and leaves no interrupt behind; slow but steady data passes; the check never interrupts a read
 * younger than the timeout nor what the thread does after a read; an unused stream stops its check.
 */
@Timeout(20)
class IdleTimeoutInputStreamTest {
    private static final Duration IDLE = Duration.ofMillis(500);
    private final ScheduledExecutorService watchdogs = IdleTimeoutInputStream.watchdogThread("test-watchdog");

    @AfterEach
    void stop() {
        watchdogs.shutdownNow();
        Thread.interrupted();
    }

    /** Blocks interruptibly until released, like the HTTP client's body stream waiting for data. */
    private static final class Silent extends InputStream {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public int read() throws IOException {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return -1;
        }
    }

    /** Gives one byte per read, each after {@code delayMillis}. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final long delayMillis;
        private int next;

        Trickle(byte[] data, long delayMillis) {
            this.data = data;
            this.delayMillis = delayMillis;
        }

        @Override
        public int read() throws IOException {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                throw new InterruptedIOException("interrupted");
            }
            return next < data.length ? data[next++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int one = read();
            if (one < 0) {
                return -1;
            }
            b[off] = (byte) one;
            return 1;
        }
    }

    @Test
    void aReadThatGetsNothingFailsAfterTheTimeoutWithoutLeavingAnInterrupt() {
        long started = System.nanoTime();
        var failure = assertThrows(IdleTimeoutInputStream.IdleTimeoutException.class,
                () -> new IdleTimeoutInputStream(new Silent(), IDLE, watchdogs).read(new byte[16]));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(failure.getMessage().contains("nothing arrived for 500 ms"), failure.getMessage());
        assertTrue(tookMillis >= 490, "failed after " + tookMillis + " ms");
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void slowButSteadyDataIsReadWhole() throws IOException {
        byte[] data = {1, 2, 3, 4, 5, 6};
        try (InputStream in = new IdleTimeoutInputStream(new Trickle(data, 40), IDLE, watchdogs)) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }

    /** One byte at once, then blocks (interruptibly) like a sender that went quiet. */
    private static final class OneByteThenSilent extends InputStream {
        private boolean gave;

        @Override
        public int read() throws IOException {
            if (!gave) {
                gave = true;
                return 1;
            }
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return -1;
        }
    }

    @Test
    void aCheckFiresOnlyOnAReadThatHasWaitedTheWholeTimeout() throws Exception {
        List<Runnable> checks = new CopyOnWriteArrayList<>();
        ScheduledThreadPoolExecutor recording = new ScheduledThreadPoolExecutor(1) {
            @Override
            public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                             TimeUnit unit) {
                checks.add(command); // the test decides when the check runs
                return super.schedule(() -> { }, 1, TimeUnit.DAYS);
            }
        };
        ExecutorService readerThread = Executors.newSingleThreadExecutor();
        try {
            IdleTimeoutInputStream in = new IdleTimeoutInputStream(new OneByteThenSilent(), IDLE, recording);
            Future<Integer> reads = readerThread.submit(() -> in.read() + in.read());
            while (checks.isEmpty()) {
                Thread.sleep(10);
            }
            Thread.sleep(50);
            checks.getFirst().run(); // the second read has waited 50 ms of its 500
            Thread.sleep(100);
            assertFalse(reads.isDone(), "the second read goes on waiting");
            Thread.sleep(IDLE.toMillis());
            checks.getFirst().run(); // now it has waited longer than the timeout
            var failure = assertThrows(ExecutionException.class, () -> reads.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IdleTimeoutInputStream.IdleTimeoutException.class, failure.getCause());
            assertEquals(1, checks.size(), "one periodic check per stream, not one task per read");
        } finally {
            readerThread.shutdownNow();
            recording.shutdownNow();
        }
    }

    @Test
    void aStreamLeftUnreadStopsItsCheck() throws Exception {
        ScheduledThreadPoolExecutor executor = IdleTimeoutInputStream.watchdogThread("test-watchdog-2");
        try {
            InputStream in = new IdleTimeoutInputStream(new Trickle(new byte[] {1, 2}, 0), IDLE, executor);
            assertEquals(1, in.read());
            assertEquals(1, executor.getQueue().size());
            Thread.sleep(IDLE.toMillis() * 3);
            assertEquals(0, executor.getQueue().size(), "an abandoned stream leaves nothing scheduled");
            assertEquals(2, in.read());
            assertEquals(1, executor.getQueue().size(), "the next read starts the check again");
            in.close();
            assertEquals(0, executor.getQueue().size());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theWatchdogOfAFinishedReadNeverInterruptsLater() throws Exception {
        try (InputStream in = new IdleTimeoutInputStream(new Trickle(new byte[] {7}, 0), IDLE, watchdogs)) {
            assertEquals(7, in.read());
        }
        Thread.sleep(IDLE.toMillis() * 3);
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
