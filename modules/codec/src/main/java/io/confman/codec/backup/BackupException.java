package io.confman.codec.backup;

import java.io.IOException;

/** A backup stream that is not a whole, undamaged backup of a supported format. */
public final class BackupException extends IOException {
    public BackupException(String message) {
        super(message);
    }
}
