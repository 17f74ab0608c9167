/**
 * Content-addressed blob storage (SHA-256): streaming, crash-safe puts and verified reads.
 * Knows nothing of Raft or HTTP.
 */
module io.confman.blob {
    requires org.slf4j;

    exports io.confman.blob;
}
