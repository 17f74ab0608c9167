/**
 * The Confman desktop monitor: polls every node's {@code /health/ready} over HTTP, shows the
 * cluster's status, live charts and an event timeline, and browses namespaces, entries and audit.
 * Talks to nodes over HTTP only; shares the health wire records with the nodes through the codec.
 */
module io.confman.monitor {
    requires javafx.controls;
    requires java.net.http;
    requires io.confman.codec;

    // JavaFX instantiates the Application subclass reflectively.
    exports io.confman.monitor.app to javafx.graphics;

    // Jackson binds the client-side records of the data API.
    opens io.confman.monitor.client to com.fasterxml.jackson.databind;
}
