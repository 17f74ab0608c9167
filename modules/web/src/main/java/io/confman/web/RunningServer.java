package io.confman.web;

/** A started HTTP server. Closing it stops the listener and releases the port. */
public interface RunningServer extends AutoCloseable {

    /** The bound port. */
    int port();

    @Override
    void close();
}
