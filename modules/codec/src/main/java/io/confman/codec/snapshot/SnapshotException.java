package io.confman.codec.snapshot;

import java.io.IOException;

/**
 * A snapshot that cannot be restored. Restoring code catches this one type; the subtypes say why
 * and their messages are meant for operators.
 */
public sealed class SnapshotException extends IOException
        permits UnsupportedSnapshotVersionException, DamagedSnapshotException, InvalidSnapshotException {

    SnapshotException(String message) {
        super(message);
    }

    SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
