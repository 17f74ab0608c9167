package io.confman.blob;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A lease that keeps a blob from being deleted while it is written, pushed to peers and
 * committed. Obtained from {@link BlobStore#pin} or {@link BlobStore#putPinned}; the holder
 * closes it, from any thread. Closing twice is harmless. Pins are counted: a blob stays pinned
 * until every pin on it is closed. A pin does not make a blob exist.
 */
public final class BlobPin implements AutoCloseable {

    private final BlobId id;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    BlobPin(BlobId id, Runnable release) {
        this.id = id;
        this.release = release;
    }

    /** The pinned blob. */
    public BlobId id() {
        return id;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
