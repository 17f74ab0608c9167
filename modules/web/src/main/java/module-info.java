/**
 * The Helidon SE web layer: routing, authentication, problem+json, health and (later) the
 * configuration and blob endpoints. Translates HTTP to the Raft and blob services and back; holds
 * no business rules. Helidon types do not leave this module's API.
 */
module io.confman.web {
    requires transitive io.confman.raft;
    requires transitive io.confman.blob;
    requires io.confman.codec;
    requires io.helidon.webserver;
    requires io.helidon.http;
    requires io.helidon.common;
    requires org.slf4j;

    exports io.confman.web;
    // The launcher starts the blob reconciler and GC with the same peer order the blob routes use.
    exports io.confman.web.blob to io.confman.launcher;
}
