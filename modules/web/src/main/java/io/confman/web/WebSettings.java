package io.confman.web;

/**
 * The HTTP listener of one node and the limits it enforces.
 *
 * @param host                  address to bind, e.g. {@code 127.0.0.1}
 * @param port                  port to bind
 * @param maxPayloadBytes       largest request body accepted on any endpoint (raw blob uploads are
 *                              bounded by their own limit; this guards the rest)
 * @param maxTcpConnections     connections served at once; more wait in the backlog
 * @param maxConcurrentRequests requests processed at once; more are answered 503
 */
public record WebSettings(String host, int port, long maxPayloadBytes, int maxTcpConnections,
                          int maxConcurrentRequests) {

    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_MAX_TCP_CONNECTIONS = 1_024;
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 512;
}
