package io.confman.blob;

/**
 * A put's result together with a pin on the stored blob, taken before the blob became visible,
 * so no GC sweep can delete it between the put and the pointer's commit. The caller closes it.
 */
public record PinnedPut(PutResult result, BlobPin pin) implements AutoCloseable {

    @Override
    public void close() {
        pin.close();
    }
}
