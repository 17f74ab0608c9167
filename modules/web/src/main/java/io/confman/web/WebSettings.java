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
 * @param idleTimeoutMillis     a connection on which nothing arrives for this long is closed, also
 *                              in the middle of a request body (a stalled upload keeps no thread,
 *                              temp file or connection slot)
 * @param maxWatchers           watch streams served at once; each holds one of the
 *                              {@code maxConcurrentRequests}, so it must be fewer, leaving room for
 *                              the other requests
 * @param watchQueueEvents      changes that may wait for one watch stream; a watcher further behind
 *                              is cut off (it resumes from the history with its last event id)
 * @param watchHeartbeatMillis  a watch stream with nothing to send for this long sends a comment,
 *                              so that proxies keep it open (the idle timeout never closes a
 *                              connection in the middle of an answer)
 */
public record WebSettings(String host, int port, long maxPayloadBytes, int maxTcpConnections,
                          int maxConcurrentRequests, long idleTimeoutMillis, int maxWatchers, int watchQueueEvents,
                          long watchHeartbeatMillis) {

    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_MAX_TCP_CONNECTIONS = 1_024;
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 512;
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 60_000;
    /** Largest {@code http.maxPayloadBytes} accepted: a JSON body is held in memory whole, in one array. */
    public static final long LARGEST_MAX_PAYLOAD_BYTES = 1L << 30;
    /** Shortest idle timeout accepted: below it, a slow but healthy client could be cut off. */
    public static final long MIN_IDLE_TIMEOUT_MILLIS = 1_000;
    public static final int DEFAULT_MAX_WATCHERS = 256;
    public static final int DEFAULT_WATCH_QUEUE_EVENTS = 1_024;
    public static final long DEFAULT_WATCH_HEARTBEAT_MILLIS = 15_000;
    /** Shortest heartbeat period accepted: shorter ones only burn CPU and bandwidth. */
    public static final long MIN_WATCH_HEARTBEAT_MILLIS = 100;

    public WebSettings {
        if (maxPayloadBytes < 1 || maxPayloadBytes > LARGEST_MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("http.maxPayloadBytes must be between 1 and " + LARGEST_MAX_PAYLOAD_BYTES
                    + " (was " + maxPayloadBytes + ")");
        }
        if (idleTimeoutMillis < MIN_IDLE_TIMEOUT_MILLIS) {
            throw new IllegalArgumentException("http.idleTimeoutMillis must be at least " + MIN_IDLE_TIMEOUT_MILLIS
                    + " (was " + idleTimeoutMillis + ")");
        }
        if (maxWatchers < 1 || maxWatchers >= maxConcurrentRequests) {
            throw new IllegalArgumentException("http.maxWatchers must be at least 1 and below http.maxConcurrentRequests ("
                    + maxConcurrentRequests + "), was " + maxWatchers + ": watch streams must leave room for other requests");
        }
        if (watchQueueEvents < 1) {
            throw new IllegalArgumentException("http.watchQueueEvents must be at least 1 (was " + watchQueueEvents + ")");
        }
        if (watchHeartbeatMillis < MIN_WATCH_HEARTBEAT_MILLIS) {
            throw new IllegalArgumentException("http.watchHeartbeatMillis must be at least " + MIN_WATCH_HEARTBEAT_MILLIS
                    + " (was " + watchHeartbeatMillis + ")");
        }
    }

    /** How often idle connections are looked for: a quarter of the timeout, so one closes within 1.25× of it. */
    public long idleCheckPeriodMillis() {
        return Math.max(250, idleTimeoutMillis / 4);
    }
}
