package io.confman.codec.snapshot;

/**
 * The snapshot's digest matches but its content breaks the format's rules (wrong structure, a
 * missing field, a duplicate entry). This points at a writer bug rather than disk damage.
 */
public final class InvalidSnapshotException extends SnapshotException {

    public InvalidSnapshotException(String message) {
        super(message);
    }

    public InvalidSnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
