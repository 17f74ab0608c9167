package io.confman.codec.snapshot;

/** The snapshot's bytes are not what was written: digest mismatch, truncation or a broken frame. */
public final class DamagedSnapshotException extends SnapshotException {

    public DamagedSnapshotException(String message) {
        super(message);
    }
}
