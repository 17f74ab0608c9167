package io.confman.blob.peer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Splits one byte stream into chunks for several peers' {@link PeerFeed}s as it is read, so that
 * the local store and the peers see the same bytes in one pass. Each chunk is filled once and
 * shared (read-only) by every feed; memory is bounded by the feeds' capacity times the chunk size.
 *
 * <p>Lagging peers: when a peer's queue is full while at least {@code copiesNeeded} others took the
 * chunk, that peer is dropped (its request is aborted; the caller copies the finished blob to it
 * later) rather than slowing the rest. When fewer than that took it, the reader waits for room,
 * up to the deadline, and then drops whoever is still full.
 *
 * <p>Used by the one thread that reads the stream; {@link #spaceFreed} may be called from any.
 */
final class Fanout {
    /** Bytes per chunk handed to the peers. */
    static final int CHUNK_BYTES = 256 * 1024;
    /** Chunks that may wait for one peer before it counts as lagging (8 MiB). */
    static final int QUEUE_CHUNKS = 32;
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Map<String, PeerFeed> active = new LinkedHashMap<>();
    private final Map<String, String> dropped = new LinkedHashMap<>();
    private final int copiesNeeded;
    private final long deadlineNanos;
    /** Whether the reader waits for room, so that feeds must wake it. */
    private volatile boolean waitingForRoom;

    private final Consumer<String> onDrop;

    /**
     * @param deadlineNanos {@link System#nanoTime} after which no reader waits for a lagging peer
     * @param onDrop        told the id of each peer dropped (its request should be cancelled)
     */
    Fanout(int copiesNeeded, long deadlineNanos, Consumer<String> onDrop) {
        this.copiesNeeded = copiesNeeded;
        this.deadlineNanos = deadlineNanos;
        this.onDrop = onDrop;
    }

    /** Adds a peer's feed; its queue wakes this fanout when it shrinks. */
    PeerFeed add(String peerId) {
        PeerFeed feed = new PeerFeed(QUEUE_CHUNKS, this::spaceFreed);
        active.put(peerId, feed);
        return feed;
    }

    /** The peers dropped so far, with why. */
    synchronized Map<String, String> dropped() {
        return Map.copyOf(dropped);
    }

    /** Wraps {@code in}: every byte read from the result is also sent to the peers. */
    InputStream tee(InputStream in) {
        return new Tee(in);
    }

    /** Aborts every peer's request: nothing the peers received is stored. */
    synchronized void abort(Throwable cause) {
        active.values().forEach(feed -> feed.fail(cause));
        active.clear();
    }

    private void spaceFreed() {
        if (waitingForRoom) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    private synchronized void publish(ByteBuffer chunk) throws IOException {
        List<String> waiting = new ArrayList<>();
        for (Map.Entry<String, PeerFeed> peer : active.entrySet()) {
            if (!peer.getValue().offer(chunk.duplicate())) {
                waiting.add(peer.getKey());
            }
        }
        if (waiting.isEmpty()) {
            return;
        }
        // Set before looking again, under this monitor: a feed that frees room afterwards wakes us.
        waitingForRoom = true;
        try {
            awaitRoom(chunk, waiting);
        } finally {
            waitingForRoom = false;
        }
    }

    /** Offers {@code chunk} again to the waiting peers until enough took it; drops the rest. */
    private void awaitRoom(ByteBuffer chunk, List<String> waiting) throws IOException {
        while (true) {
            waiting.removeIf(peerId -> {
                PeerFeed feed = active.get(peerId);
                if (feed.isStopped()) {
                    drop(peerId, "its request ended early");
                    return true;
                }
                return feed.offer(chunk.duplicate());
            });
            if (waiting.isEmpty()) {
                return;
            }
            long left = deadlineNanos - System.nanoTime();
            if (active.size() - waiting.size() >= copiesNeeded || left <= 0) {
                String why = left <= 0 ? "lagging at the deadline" : "lagging (" + QUEUE_CHUNKS + " chunks behind)";
                waiting.forEach(peerId -> drop(peerId, why));
                return;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, WAIT_SLICE_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a peer to take the upload");
            }
        }
    }

    private void drop(String peerId, String why) {
        PeerFeed feed = active.remove(peerId);
        dropped.put(peerId, why);
        feed.fail(new IOException("upload to " + peerId + " dropped: " + why));
        onDrop.accept(peerId);
    }

    private synchronized void end() {
        active.values().forEach(PeerFeed::end);
    }

    private synchronized boolean anyActive() {
        return !active.isEmpty();
    }

    /** Copies what is read into chunks and publishes each full one; publishes the rest at the end. */
    private final class Tee extends FilterInputStream {
        private byte[] chunk = new byte[CHUNK_BYTES];
        private int filled;
        private boolean ended;

        Tee(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n == -1) {
                finish();
                return -1;
            }
            int copied = 0;
            while (copied < n && anyActive()) {
                int step = Math.min(n - copied, chunk.length - filled);
                System.arraycopy(buffer, offset + copied, chunk, filled, step);
                filled += step;
                copied += step;
                if (filled == chunk.length) {
                    publish(ByteBuffer.wrap(chunk));
                    chunk = new byte[CHUNK_BYTES];
                    filled = 0;
                }
            }
            return n;
        }

        @Override
        public long skip(long n) {
            throw new UnsupportedOperationException("a teed upload is read, not skipped");
        }

        private void finish() throws IOException {
            if (ended) {
                return;
            }
            ended = true;
            if (filled > 0 && anyActive()) {
                publish(ByteBuffer.wrap(chunk, 0, filled));
            }
            end();
        }
    }
}
