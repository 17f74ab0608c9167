/**
 * Confman's byte formats: the Raft commands inside their versioned envelope, the domain records,
 * the streamed snapshot format, the backup file, and the wire records that nodes and the monitor exchange over HTTP.
 * No file or network I/O: every format is read from and written to streams the caller owns.
 */
module io.confman.codec {
    requires transitive com.fasterxml.jackson.databind;

    exports io.confman.codec.backup;
    exports io.confman.codec.command;
    exports io.confman.codec.model;
    exports io.confman.codec.pem;
    exports io.confman.codec.snapshot;
    exports io.confman.codec.wire;

    // The web layer serialises the domain and wire records with Jackson's reflective databind.
    // Commands and snapshots are written and read by hand and need no opening.
    opens io.confman.codec.model to com.fasterxml.jackson.databind;
    opens io.confman.codec.backup to com.fasterxml.jackson.databind;
    opens io.confman.codec.wire to com.fasterxml.jackson.databind;
}
