/**
 * Confman's byte formats: the Raft commands inside their versioned envelope, the snapshot
 * records, and the wire records that nodes and the monitor exchange over HTTP. No I/O.
 */
module io.confman.codec {
    requires transitive com.fasterxml.jackson.databind;

    exports io.confman.codec.wire;

    opens io.confman.codec.wire to com.fasterxml.jackson.databind;
}
