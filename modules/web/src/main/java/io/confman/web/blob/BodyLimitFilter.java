package io.confman.web.blob;

import io.confman.blob.IdleTimeoutInputStream;
import io.confman.web.problem.Problem;
import io.confman.web.problem.ProblemType;
import io.confman.web.problem.Problems;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The limits on request bodies: an idle timeout on every route, and the JSON body limit on every
 * route except the streaming blob routes.
 *
 * <p>A client that stops sending in the middle of a body would otherwise hold its request (and a
 * blob upload's temp file) for as long as the connection lives: every read of a body must return
 * within {@code http.idleTimeoutMillis}, or it fails and the connection is closed.
 *
 * <p>Helidon's payload limit applies to the whole listener, so the listener is opened up to the
 * blob limit and this filter restores the smaller limit elsewhere: a declared {@code
 * Content-Length} over it is answered 413 before the body is read, and a chunked body is cut off
 * with a 413 {@link HttpException} as soon as it crosses the limit. Raw value uploads and
 * {@code /internal/blobs} enforce {@code blob.maxSizeBytes} themselves, while streaming.
 */
public final class BodyLimitFilter implements Filter, AutoCloseable {
    private final long maxPayloadBytes;
    private final Duration idleTimeout;
    private final ScheduledThreadPoolExecutor watchdogs = IdleTimeoutInputStream.watchdogThread("request-body-watchdog");

    public BodyLimitFilter(long maxPayloadBytes, Duration idleTimeout) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().absolute().rawPath();
        if (isStreamingBlobPath(path)) {
            req.streamFilter(in -> new IdleTimeoutInputStream(in, idleTimeout, watchdogs));
            chain.proceed();
            return;
        }
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > maxPayloadBytes) {
            Problems.send(req, res, Problem.of(ProblemType.PAYLOAD_TOO_LARGE, tooLarge()));
            return;
        }
        req.streamFilter(in -> new CappedInputStream(new IdleTimeoutInputStream(in, idleTimeout, watchdogs),
                maxPayloadBytes, tooLarge()));
        chain.proceed();
    }

    private String tooLarge() {
        return "request body exceeds the limit of " + maxPayloadBytes + " bytes (http.maxPayloadBytes)";
    }

    /** Stops the watchdog thread. */
    @Override
    public void close() {
        watchdogs.shutdownNow();
    }

    static boolean isStreamingBlobPath(String rawPath) {
        return rawPath.startsWith(InternalBlobHandlers.PATH_PREFIX) || rawPath.equals(InternalBlobHandlers.UPLOADS_PATH)
                || (rawPath.startsWith("/api/v1/namespaces/")
                    && (rawPath.endsWith("/value") || rawPath.contains("/uploads/")));
    }

    /** Fails a read that would take the body past its limit. */
    private static final class CappedInputStream extends FilterInputStream {
        private final long limit;
        private final String message;
        private long read;

        CappedInputStream(InputStream in, long limit, String message) {
            super(in);
            this.limit = limit;
            this.message = message;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            read += n;
            if (read > limit) {
                throw new HttpException(message, Status.REQUEST_ENTITY_TOO_LARGE_413, true);
            }
        }
    }
}
