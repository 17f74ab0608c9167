package io.confman.blob;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pin counts plus per-id locks (striped), shared by both stores. Taking a pin and checking pins
 * before a delete or rename happen under the id's lock, so a delete never races a new pin.
 */
final class PinRegistry {

    private static final int STRIPE_COUNT = 64;

    private final ConcurrentHashMap<BlobId, Integer> counts = new ConcurrentHashMap<>();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPE_COUNT];

    PinRegistry() {
        for (int i = 0; i < STRIPE_COUNT; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Something to run under an id's lock. */
    @FunctionalInterface
    interface LockedAction<T> {
        T run() throws IOException;
    }

    <T> T locked(BlobId id, LockedAction<T> action) throws IOException {
        ReentrantLock lock = stripes[Math.floorMod(id.hashCode(), STRIPE_COUNT)];
        lock.lock();
        try {
            return action.run();
        } finally {
            lock.unlock();
        }
    }

    BlobPin pin(BlobId id) {
        ReentrantLock lock = stripes[Math.floorMod(id.hashCode(), STRIPE_COUNT)];
        lock.lock();
        try {
            counts.merge(id, 1, Integer::sum);
        } finally {
            lock.unlock();
        }
        return new BlobPin(id, () -> counts.computeIfPresent(id, (key, count) -> count == 1 ? null : count - 1));
    }

    boolean isPinned(BlobId id) {
        return counts.containsKey(id);
    }
}
