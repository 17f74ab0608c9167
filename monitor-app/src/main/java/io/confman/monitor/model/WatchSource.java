package io.confman.monitor.model;

import io.confman.monitor.client.ConfigClient;
import io.confman.monitor.client.NamespaceWatch;
import java.net.URI;

/**
 * Opens watch streams for the browser ({@link BrowserModel}), and clients for the node a stream
 * moved to. The session makes one per connection, with the connection's nodes and API key.
 */
public interface WatchSource {
    /**
     * A stream of {@code namespace}'s changes, first from {@code node}; the model closes each
     * one it opened.
     */
    NamespaceWatch open(String namespace, URI node, NamespaceWatch.Listener listener);

    /** A client for {@code node}, with the same key as the first; the model closes it. */
    ConfigClient reader(URI node);
}
