package io.confman.blob.peer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.confman.blob.BlobContent;
import io.confman.blob.BlobDigestMismatchException;
import io.confman.blob.BlobId;
import io.confman.blob.BlobStore;
import io.confman.blob.InMemoryBlobStore;
import io.confman.blob.PutResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for another node's internal blob endpoints, for unit tests only: the JDK's HTTP
 * server on a free loopback port, backed by an in-memory store. It counts requests, records the
 * token and Content-Length it received, and can hold GETs at a gate, stall mid-body, delay or
 * refuse PUTs, serve wrong bytes, or require a token.
 */
final class FakePeer implements AutoCloseable {

    private static final long MAX_BYTES = 1L << 30;

    final String id;
    final BlobStore store = new InMemoryBlobStore();
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger puts = new AtomicInteger();
    final List<String> tokens = new CopyOnWriteArrayList<>();
    final List<String> putContentLengths = new CopyOnWriteArrayList<>();
    final CountDownLatch firstGetArrived = new CountDownLatch(1);
    volatile CountDownLatch getGate = new CountDownLatch(0);
    volatile long putDelayMillis;
    volatile int putStatusOverride;
    volatile boolean serveWrongBytes;
    /** When not negative, a GET stops sending after this many body bytes until the peer closes. */
    volatile long stallAfterBytes = -1;
    private final CountDownLatch closed = new CountDownLatch(1);
    volatile String requiredToken;
    /** Pipelined uploads ({@code POST /internal/blobs}) received. */
    final AtomicInteger uploads = new AtomicInteger();
    /** When not zero, an upload is read to its end and answered with this status. */
    volatile int uploadStatusOverride;
    /** Pause after each read of an upload's body: a peer that cannot keep up. */
    volatile long uploadReadDelayMillis;
    /** When not negative, the peer goes away (server stopped) after reading this many upload bytes. */
    volatile long dieAfterUploadBytes = -1;
    /** Answer uploads with an id other than the one stored. */
    volatile boolean answerWrongId;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    FakePeer(String id) throws IOException {
        this.id = id;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/internal/blobs/", this::handle);
        server.createContext("/internal/blobs", this::handleUpload);
        server.start();
    }

    Peer peer() {
        return Peer.of(id, "http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Cluster-Token")));
            if (requiredToken != null && !requiredToken.equals(exchange.getRequestHeaders().getFirst("X-Cluster-Token"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String hash = exchange.getRequestURI().getPath().substring("/internal/blobs/".length());
            if (!BlobId.isValid(hash)) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            BlobId blob = BlobId.of(hash);
            switch (exchange.getRequestMethod()) {
                case "GET" -> serve(exchange, blob);
                case "PUT" -> receive(exchange, blob);
                default -> exchange.sendResponseHeaders(405, -1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(HttpExchange exchange, BlobId blob) throws IOException, InterruptedException {
        gets.incrementAndGet();
        firstGetArrived.countDown();
        getGate.await();
        Optional<BlobContent> content = store.open(blob);
        if (content.isEmpty()) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        try (BlobContent open = content.get(); OutputStream out = exchange.getResponseBody()) {
            long size = open.sizeBytes();
            exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
            InputStream in = open.stream();
            byte[] buffer = new byte[8192];
            long sent = 0;
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (serveWrongBytes) {
                    buffer[0] ^= 0x55;
                }
                if (stallAfterBytes >= 0 && sent + read > stallAfterBytes) {
                    out.write(buffer, 0, (int) (stallAfterBytes - sent));
                    out.flush();
                    closed.await();
                    return;
                }
                out.write(buffer, 0, read);
                sent += read;
            }
        }
    }

    private void receive(HttpExchange exchange, BlobId blob) throws IOException, InterruptedException {
        puts.incrementAndGet();
        putContentLengths.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Length")));
        Thread.sleep(putDelayMillis);
        if (putStatusOverride != 0) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            exchange.sendResponseHeaders(putStatusOverride, -1);
            return;
        }
        try (InputStream body = exchange.getRequestBody()) {
            PutResult result = store.put(body, MAX_BYTES, Optional.of(blob));
            exchange.sendResponseHeaders(result.created() ? 201 : 204, -1);
        } catch (BlobDigestMismatchException e) {
            exchange.sendResponseHeaders(400, -1);
        }
    }

    private void handleUpload(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().equals("/internal/blobs")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            uploads.incrementAndGet();
            tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Cluster-Token")));
            if (uploadStatusOverride != 0) {
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                exchange.sendResponseHeaders(uploadStatusOverride, -1);
                return;
            }
            PutResult result;
            try (InputStream body = new SlowOrDyingStream(exchange.getRequestBody())) {
                result = store.put(body, MAX_BYTES, Optional.empty());
            }
            String stored = (answerWrongId ? io.confman.blob.TestContent.idOf(999, 1) : result.id()).hex();
            exchange.getResponseHeaders().add("Location", "/internal/blobs/" + stored);
            exchange.sendResponseHeaders(result.created() ? 201 : 200, -1);
        }
    }

    /** Reads an upload slowly, or stops the whole peer part-way through. */
    private final class SlowOrDyingStream extends java.io.FilterInputStream {
        private long read;

        SlowOrDyingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (dieAfterUploadBytes >= 0 && read >= dieAfterUploadBytes) {
                server.stop(0);
                throw new IOException("peer went away");
            }
            int n = super.read(buffer, offset, Math.min(length, 64 * 1024));
            if (n > 0) {
                read += n;
            }
            if (uploadReadDelayMillis > 0) {
                try {
                    Thread.sleep(uploadReadDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
            return n;
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
