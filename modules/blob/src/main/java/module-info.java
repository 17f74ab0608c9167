/**
 * Content-addressed blob storage (SHA-256): streaming, crash-safe puts and verified reads
 * ({@code io.confman.blob}), moving blobs between nodes over HTTP ({@code io.confman.blob.peer}),
 * and the background reconciler and garbage collector ({@code io.confman.blob.maintenance}).
 * Knows nothing of Raft and uses no web framework: peer traffic goes through the JDK's HTTP
 * client.
 */
module io.confman.blob {
    requires org.slf4j;
    requires java.net.http;

    exports io.confman.blob;
    exports io.confman.blob.peer;
    exports io.confman.blob.maintenance;
}
