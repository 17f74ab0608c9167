package io.confman.monitor.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.confman.codec.wire.ClusterView;
import io.confman.codec.wire.HealthReport;
import io.confman.monitor.fixtures.RecordedCluster;
import io.confman.monitor.fixtures.Reports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The health probe against real HTTP servers on 127.0.0.1: a ready and a not-ready (503) answer
 * both count as reachable, while a refused connection, a node that never answers and a garbled
 * body become failed polls — within the probe's timeouts, never as exceptions.
 */
@Timeout(10)
class HealthProbeTest {

    /** For the timeout test: the node there never answers. */
    private static final Timeouts FAST = new Timeouts(Duration.ofMillis(300), Duration.ofMillis(400));
    /** For tests about what an answer means: room for a cold JVM's first serialisation. */
    private static final Timeouts PATIENT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));

    @Test
    void readyAndNotReadyAnswersAreBothReachable() throws Exception {
        try (RecordedCluster cluster = new RecordedCluster(2); HealthProbe probe = new HealthProbe(PATIENT, Clock.systemUTC())) {
            cluster.answer(0, Reports.report("node1", "node1", 7, 42));
            cluster.answer(1, Reports.report("node2", ClusterView.FOLLOWER, null, 7, 40, HealthReport.NOT_READY, null));
            NodePoll ready = probe.probe(cluster.url(0)).get(5, TimeUnit.SECONDS);
            NodePoll notReady = probe.probe(cluster.url(1)).get(5, TimeUnit.SECONDS);
            assertTrue(ready.reachable());
            assertEquals(42, ready.report().cluster().commitIndex());
            assertEquals("node1", ready.report().cluster().nodeId());
            assertTrue(notReady.reachable(), "503 carries the same body and means reachable");
            assertFalse(notReady.report().ready());
        }
    }

    @Test
    void refusedConnectionIsAFailedPoll() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (HealthProbe probe = new HealthProbe(PATIENT, Clock.systemUTC())) {
            NodePoll poll = probe.probe(URI.create("http://127.0.0.1:" + port + "/")).get(5, TimeUnit.SECONDS);
            assertFalse(poll.reachable());
            assertEquals("connection refused", poll.error());
        }
    }

    @Test
    void nodeThatNeverAnswersTimesOutWithinTheRequestTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", exchange -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        try (HealthProbe probe = new HealthProbe(FAST, Clock.systemUTC())) {
            long started = System.nanoTime();
            NodePoll poll = probe.probe(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                    .get(3, TimeUnit.SECONDS);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertFalse(poll.reachable());
            assertEquals("timed out", poll.error());
            assertTrue(tookMillis < 2500, "gave up after " + tookMillis + " ms, long before the node would answer (5 s)");
        } finally {
            release.countDown();
            server.stop(0);
        }
    }

    @Test
    void garbledBodyIsAFailedPollNotAnException() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/health/ready", exchange -> {
            byte[] body = "<html>proxy error</html>".getBytes();
            exchange.sendResponseHeaders(502, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (HealthProbe probe = new HealthProbe(PATIENT, Clock.systemUTC())) {
            NodePoll poll = probe.probe(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                    .get(5, TimeUnit.SECONDS);
            assertFalse(poll.reachable());
            assertEquals("HTTP 502: unreadable health body", poll.error());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void baseUrlWithoutTrailingSlashStillReachesHealthReady() throws IOException {
        assertEquals(URI.create("http://h:1/x/health/ready"), Endpoints.resolve(URI.create("http://h:1/x"), "health/ready"));
        assertEquals("prod/web%20app", Endpoints.segment("prod/web app"));
    }
}
