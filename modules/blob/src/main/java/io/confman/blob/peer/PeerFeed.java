package io.confman.blob.peer;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One peer's share of a pipelined upload: a bounded queue of chunks, published as the body of the
 * HTTP request that carries them to the peer. The uploading thread {@link #offer}s chunks (shared
 * by every peer's feed, never copied or changed) and never blocks here; the HTTP client takes
 * them as fast as the peer's connection drains. A full queue means the peer is lagging:
 * {@link #offer} says so and the caller decides whether to wait or drop the peer.
 *
 * <p>A {@link Flow.Publisher} for exactly one subscriber. Signals are serialised by a
 * work-in-progress counter, so {@code onNext} never runs concurrently or re-entrantly, whichever
 * thread (the uploader's or the client's) triggers delivery. Thread-safe.
 */
final class PeerFeed implements Flow.Publisher<ByteBuffer>, Flow.Subscription {

    private final int capacityChunks;
    private final Runnable spaceFreed;
    private final ConcurrentLinkedQueue<ByteBuffer> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger work = new AtomicInteger();
    private volatile Flow.Subscriber<? super ByteBuffer> subscriber;
    private volatile boolean ended;
    private volatile Throwable failure;
    private volatile boolean cancelled;
    /** Set once a terminal signal went out, by the draining thread only. */
    private boolean done;

    /**
     * @param capacityChunks how many chunks may wait for this peer before it counts as lagging
     * @param spaceFreed     run (on any thread) each time the queue shrinks or the feed stops
     */
    PeerFeed(int capacityChunks, Runnable spaceFreed) {
        if (capacityChunks < 1) {
            throw new IllegalArgumentException("capacityChunks must be >= 1: " + capacityChunks);
        }
        this.capacityChunks = capacityChunks;
        this.spaceFreed = spaceFreed;
    }

    /** Queues a chunk; false (and nothing queued) when the queue is full or the feed has stopped. */
    boolean offer(ByteBuffer chunk) {
        if (isStopped() || queued.get() >= capacityChunks) {
            return false;
        }
        queued.incrementAndGet();
        queue.add(chunk);
        drain();
        return true;
    }

    /** Whether the queue has room for another chunk. */
    boolean hasRoom() {
        return queued.get() < capacityChunks;
    }

    /** No more chunks: the body ends once the queued ones are sent. */
    void end() {
        ended = true;
        drain();
    }

    /** Ends the body with an error: the request is aborted and the peer stores nothing. */
    void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        drain();
    }

    /** Whether the request stopped taking chunks (cancelled, failed, or ended). */
    boolean isStopped() {
        return cancelled || failure != null || ended;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> candidate) {
        if (subscriber != null) {
            candidate.onSubscribe(this);
            candidate.onError(new IllegalStateException("a pipelined upload body can be sent only once"));
            return;
        }
        subscriber = candidate;
        candidate.onSubscribe(this);
        drain();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            fail(new IllegalArgumentException("demand must be positive: " + n));
            return;
        }
        demand.getAndAccumulate(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
        drain();
    }

    @Override
    public void cancel() {
        cancelled = true;
        drain();
    }

    private void drain() {
        if (work.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            deliver();
            missed = work.addAndGet(-missed);
        } while (missed != 0);
    }

    /** Runs on one thread at a time (the one that won {@link #work}). */
    private void deliver() {
        Flow.Subscriber<? super ByteBuffer> target = subscriber;
        if (done || target == null) {
            if (done) {
                discardQueued();
            }
            return;
        }
        if (cancelled || failure != null) {
            done = true;
            discardQueued();
            if (!cancelled) {
                target.onError(failure);
            }
            return;
        }
        while (demand.get() > 0) {
            ByteBuffer chunk = queue.poll();
            if (chunk == null) {
                break;
            }
            queued.decrementAndGet();
            demand.decrementAndGet();
            target.onNext(chunk);
            spaceFreed.run();
        }
        if (ended && queue.isEmpty()) {
            done = true;
            target.onComplete();
            spaceFreed.run();
        }
    }

    private void discardQueued() {
        queue.clear();
        queued.set(0);
        spaceFreed.run();
    }
}
