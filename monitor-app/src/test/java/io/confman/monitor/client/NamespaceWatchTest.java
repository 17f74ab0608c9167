package io.confman.monitor.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The watch client against a scripted Server-Sent Events node on 127.0.0.1: events pass on in
 * order, a stream that ends is resumed with {@code Last-Event-ID} of the last event with an id, a
 * 410 starts over without it (and the listener hears "not resumed", i.e. read the namespace
 * again), and a node that refuses connections is skipped for the next one.
 */
@Timeout(20)
class NamespaceWatchTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
    private static final String STREAM = "text/event-stream";

    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    private final List<String> lastEventIds = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();
    private HttpServer server;
    private NamespaceWatch watch;

    private final NamespaceWatch.Listener listener = new NamespaceWatch.Listener() {
        @Override
        public void opened(URI node, boolean resumed) {
            heard.add("opened resumed=" + resumed);
        }

        @Override
        public void changed(WatchEvent event) {
            heard.add(event.action() + " " + event.key() + " r" + event.revision());
        }

        @Override
        public void interrupted(String reason) {
            heard.add("interrupted");
        }
    };

    @AfterEach
    void stop() {
        release.countDown();
        if (watch != null) {
            watch.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/api/v1/namespaces/prod/watch", this::script);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** First: two events, then the end. Second: 410. Third: one event, held open. */
    private void script(HttpExchange exchange) throws IOException {
        lastEventIds.add(String.valueOf(exchange.getRequestHeaders().getFirst("Last-Event-ID")));
        assertEquals(STREAM, exchange.getRequestHeaders().getFirst("Accept"));
        switch (connections.incrementAndGet()) {
            case 1 -> stream(exchange, "retry: 100\n: connected\n\n"
                    + event("config.created", "a", 7, true) + ": heartbeat\n\n" + event("config.updated", "a", 8, true), false);
            case 2 -> {
                exchange.sendResponseHeaders(410, -1);
                exchange.close();
            }
            default -> stream(exchange, event("config.created", "b", 20, true), true);
        }
    }

    private static String event(String action, String key, long revision, boolean withId) {
        return "event: " + action + "\n" + (withId ? "id: " + revision + "\n" : "")
                + "data: {\"action\":\"" + action + "\",\"namespace\":\"prod\",\"key\":\"" + key
                + "\",\"version\":1,\"revision\":" + revision + "}\n\n";
    }

    private void stream(HttpExchange exchange, String text, boolean holdOpen) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", STREAM);
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        body.write(text.getBytes(StandardCharsets.UTF_8));
        body.flush();
        if (holdOpen) {
            try {
                release.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.close();
    }

    private String next() throws InterruptedException {
        String item = heard.poll(5, TimeUnit.SECONDS);
        assertNotNull(item, "nothing heard; so far " + heard);
        return item;
    }

    @Test
    void anEndedStreamIsResumedAfterTheLastIdAndA410StartsOver() throws Exception {
        URI node = serve();
        watch = NamespaceWatch.start(List.of(node), 0, "key", "prod", listener, TIMEOUTS);
        assertEquals("opened resumed=false", next());
        assertEquals("config.created a r7", next());
        assertEquals("config.updated a r8", next());
        assertEquals("interrupted", next(), "the stream ended");
        assertEquals("interrupted", next(), "410: history expired");
        assertEquals("opened resumed=false", next(), "started over: read the namespace again");
        assertEquals("config.created b r20", next());
        assertEquals(List.of("null", "8", "null"), lastEventIds);
    }

    @Test
    void aNodeThatRefusesConnectionsIsSkipped() throws Exception {
        URI node = serve();
        URI dead;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = URI.create("http://127.0.0.1:" + closed.getLocalPort() + "/");
        }
        watch = NamespaceWatch.start(List.of(dead, node), 0, "key", "prod", listener, TIMEOUTS);
        assertEquals("interrupted", next(), "the dead node");
        assertEquals("opened resumed=false", next());
        assertTrue(next().startsWith("config.created a"));
    }
}
