package io.confman.launcher.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.pem.Pem;
import io.confman.launcher.ctl.Ctl;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.LocalCluster.Node;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * A real three-node cluster with TLS on every socket ({@link LocalCluster#startTls}), shared by
 * the tests of this class: HTTPS only on the API port, node-to-node blob copies over HTTPS, mutual
 * TLS on the Raft port, and {@code ctl --cacert}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class TlsClusterTest {
    private static final Duration ELECTION = Duration.ofSeconds(60);
    /** The HTTP/2 connection preface a gRPC client sends first. */
    private static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** The first byte of a TLS alert record. */
    private static final int TLS_ALERT = 0x15;

    private LocalCluster cluster;
    private HttpClient https;

    @BeforeAll
    void startCluster() {
        cluster = LocalCluster.startTls(3, Map.of());
        https = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .sslContext(Pem.clientContext(List.of(cluster.ca().certificate()))).build();
        cluster.awaitLeader(ELECTION);
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyNodeAnswersHttpsAndRefusesPlainHttp() throws IOException {
        for (Node node : cluster.nodes()) {
            assertTrue(node.baseUrl().startsWith("https://"), node.baseUrl());
            assertTrue(cluster.health(node).isPresent(), node.id() + " answers /health/ready over HTTPS");
            String plain = "http://127.0.0.1:" + node.httpPort() + "/health/ready";
            assertTrue(new io.confman.launcher.testkit.HttpProbe().get(URI.create(plain), Map.of()).isEmpty(),
                    node.id() + " answered plain HTTP");
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.httpPort())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] answer = readSome(socket.getInputStream());
                assertFalse(new String(answer, StandardCharsets.US_ASCII).startsWith("HTTP/"),
                        node.id() + " answered a plain HTTP request with an HTTP status line");
            }
        }
    }

    @Test
    void twentyMebibyteValueWrittenThroughAFollowerReadsBackIdenticalFromAThirdNode() throws Exception {
        Node leader = cluster.awaitLeader(ELECTION);
        List<Node> followers = cluster.nodes().stream().filter(n -> n != leader).toList();
        byte[] value = new byte[20 * 1024 * 1024];
        new Random(12).nextBytes(value);
        HttpResponse<String> put = https.send(HttpRequest.newBuilder(valueUri(followers.get(0), "big"))
                .timeout(Duration.ofSeconds(120)).header("X-Api-Key", LocalCluster.ADMIN_KEY)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(value)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        HttpResponse<byte[]> get = https.send(HttpRequest.newBuilder(valueUri(followers.get(1), "big"))
                .timeout(Duration.ofSeconds(120)).header("X-Api-Key", LocalCluster.READER_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, get.statusCode());
        assertArrayEquals(sha256(value), sha256(get.body()), "the value read back differs");
        assertEquals(value.length, get.body().length);
    }

    @Test
    void raftPortPresentsACertificateIssuedByTheClusterCaToAMember() throws Exception {
        Node node = cluster.node("node2");
        LocalCa.Issued client = cluster.ca().issueLocal("tls-test-client");
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(client), Pem.trustManagers(List.of(cluster.ca().certificate())), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", node.raftPort())) {
            socket.setSoTimeout(5_000);
            socket.setSSLParameters(alpnH2(socket));
            socket.startHandshake();
            X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertEquals(cluster.ca().certificate().getSubjectX500Principal(), served.getIssuerX500Principal());
            socket.getOutputStream().write(HTTP2_PREFACE);
            socket.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            socket.getOutputStream().flush();
            byte[] answer = readSome(socket.getInputStream());
            assertTrue(answer.length >= 9 && answer[3] == 4, "a member gets the gRPC server's HTTP/2 SETTINGS");
        }
    }

    @Test
    void raftPortServesNothingToAClientWithoutACertificateOrInPlainText() throws Exception {
        Node node = cluster.node("node3");
        SSLContext noCertificate = Pem.clientContext(List.of(cluster.ca().certificate()));
        try (SSLSocket socket = (SSLSocket) noCertificate.getSocketFactory().createSocket("127.0.0.1", node.raftPort())) {
            socket.setSoTimeout(5_000);
            socket.setSSLParameters(alpnH2(socket));
            byte[] answer;
            try {
                socket.startHandshake();
                socket.getOutputStream().write(HTTP2_PREFACE);
                socket.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
                answer = readSome(socket.getInputStream());
            } catch (IOException refused) {
                answer = new byte[0];
            }
            assertEquals(0, answer.length, "the Raft port served a client that presented no certificate");
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.raftPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(HTTP2_PREFACE);
            socket.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            byte[] answer = readSome(socket.getInputStream());
            assertTrue(answer.length == 0 || answer[0] == TLS_ALERT, "plain HTTP/2 on the Raft port got an answer"
                    + " that is not a TLS alert: first byte " + (answer.length == 0 ? "-" : answer[0]));
        }
    }

    @Test
    void ctlTrustsTheClusterCaGivenWithCacertAndRefusesWithoutIt() {
        String endpoints = cluster.nodes().stream().map(Node::baseUrl).reduce((a, b) -> a + "," + b).orElseThrow();
        Path ca = cluster.caFile();
        Run put = ctl("put", "tls/greeting", "hello", "--endpoints", endpoints, "--cacert", ca.toString());
        assertEquals(0, put.exitCode(), put.err());
        Run get = ctl("get", "tls/greeting", "--endpoints", endpoints, "--cacert", ca.toString());
        assertEquals(0, get.exitCode(), get.err());
        assertEquals("hello", get.out());
        Run untrusted = ctl("get", "tls/greeting", "--endpoints", endpoints);
        assertEquals(Ctl.UNREACHABLE, untrusted.exitCode(), untrusted.out());
        assertTrue(untrusted.err().contains("TLS handshake failed") && untrusted.err().contains("--cacert"),
                untrusted.err());
        assertEquals(1, untrusted.err().strip().lines().count(), untrusted.err());
    }

    /**
     * Last, as it restarts node3: with a certificate and CA of another authority, its handshakes
     * with the members fail both ways. It logs one line per member saying so, and the others
     * neither hear from it nor send it the writes they commit meanwhile; with its own files back it
     * catches up.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aMemberWithACertificateFromAnotherCaIsNotAcceptedAndSaysWhyOnce() throws Exception {
        Node node3 = cluster.node("node3");
        node3.kill();
        Instant now = Instant.now();
        LocalCa other = LocalCa.create("Another CA", now.minusSeconds(3600), now.plus(Duration.ofDays(1)));
        Path foreign = Files.createDirectories(cluster.dir().resolve("foreign"));
        other.issueLocal("node3").write(foreign.resolve("node3.pem"), foreign.resolve("node3-key.pem"));
        Files.writeString(foreign.resolve("ca.pem"), LocalCa.pem(other.certificate()));
        cluster.startWith(node3, Map.of("tls.certificate", foreign.resolve("node3.pem").toString(),
                "tls.privateKey", foreign.resolve("node3-key.pem").toString(),
                "tls.ca", foreign.resolve("ca.pem").toString()));
        String line = "TLS handshake with member node1 at https://127.0.0.1:" + cluster.node("node1").httpPort() + "/";
        LocalCluster.await(Duration.ofSeconds(60), "node3 to log the failed handshake",
                () -> java.util.Optional.of(node3.log()).filter(log -> log.contains(line)));
        String others = cluster.node("node1").baseUrl() + "," + cluster.node("node2").baseUrl();
        LocalCluster.await(ELECTION, "node1 and node2 to commit a write without node3", () -> java.util.Optional.of(
                ctl("put", "tls/after-foreign", "x", "--endpoints", others, "--cacert", cluster.caFile().toString()))
                .filter(run -> run.exitCode() == 0));
        HttpClient trustingOther = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .sslContext(Pem.clientContext(List.of(other.certificate()))).build();
        Thread.sleep(3_000);
        HttpResponse<String> onNode3 = trustingOther.send(HttpRequest.newBuilder(
                node3.url("api/v1/namespaces/tls/config/after-foreign?consistency=stale"))
                .header("X-Api-Key", LocalCluster.READER_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertNotEquals(200, onNode3.statusCode(), "node3 got a write while its certificate was foreign: "
                + onNode3.body());
        assertTrue(node3.running(), "node3 exited instead of running on and saying why");
        assertEquals(1, node3.log().lines().filter(l -> l.contains(line)).count(), node3.log());

        node3.kill();
        cluster.start(node3);
        cluster.awaitHealth(node3, ELECTION, "caught up with its own certificate",
                h -> h.ready() && h.cluster().leader() != null);
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run ctl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--api-key", LocalCluster.ADMIN_KEY));
        int exit = Ctl.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static URI valueUri(Node node, String key) {
        return node.url("api/v1/namespaces/tls/config/" + key + "/value");
    }

    private static javax.net.ssl.SSLParameters alpnH2(SSLSocket socket) {
        javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2"});
        return parameters;
    }

    private static KeyManager[] keyManagers(LocalCa.Issued issued) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", issued.key(), new char[0], new X509Certificate[] {issued.certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, new char[0]);
        return factory.getKeyManagers();
    }

    /** Up to 64 bytes the peer sends before it closes or goes quiet; empty when it sends none. */
    private static byte[] readSome(InputStream in) {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try {
            byte[] buffer = new byte[64];
            int n = in.read(buffer);
            if (n > 0) {
                read.write(buffer, 0, n);
            }
        } catch (IOException closedOrQuiet) {
            // a reset, a TLS alert or the read timeout: nothing more came
        }
        return read.toByteArray();
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
