/**
 * The replicated configuration state machine: a pure, deterministic core and (unexported) the
 * Apache Ratis adapter that drives it.
 */
module io.confman.raft {
    requires transitive io.confman.codec;
    requires org.slf4j;

    exports io.confman.raft;
}
