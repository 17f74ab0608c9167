/**
 * The replicated configuration state machine: a pure, deterministic core and (unexported) the
 * Apache Ratis adapter that drives it.
 */
module io.confman.raft {
    requires transitive io.confman.codec;
    requires org.slf4j;
    // Ratis is used only by the unexported adapter package io.confman.raft.ratis.
    requires io.confman.ratis;

    exports io.confman.raft;
    exports io.confman.raft.node;
    exports io.confman.raft.start;
    exports io.confman.raft.store;
    exports io.confman.raft.watch;

    // The Raft reply record (ReplyCodec) is serialised with Jackson's databind.
    opens io.confman.raft.ratis to com.fasterxml.jackson.databind;
}
