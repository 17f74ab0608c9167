package io.confman.launcher.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.launcher.NodeSettings.TlsFiles;
import io.confman.launcher.testkit.LocalCluster;
import io.confman.launcher.testkit.NodeProcess;
import io.confman.raft.node.StartupRefusedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad TLS setup is refused before anything listens, with one line naming the file and what is
 * wrong: checked on the files directly ({@link NodeTls#load}), and for a real node process, which
 * exits with status 2 within seconds instead of hanging.
 */
@Timeout(120)
class TlsRefusalTest {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);
    private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1");

    @TempDir
    Path dir;

    private final Instant now = Instant.now();
    private final LocalCa ca = LocalCa.create("Test CA", now.minusSeconds(3600), now.plus(Duration.ofDays(2)));

    @Test
    void goodFilesLoad() throws IOException {
        TlsFiles files = write("good", ca.issueLocal("node1"), ca);
        NodeTls tls = NodeTls.load(files, LOCAL_HOSTS, now);
        assertEquals(ca.certificate(), tls.raft().authorities().get(0));
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        TlsFiles good = write("good", ca.issueLocal("node1"), ca);
        TlsFiles missingKey = new TlsFiles(good.certificate(), dir.resolve("absent-key.pem"), good.ca());
        assertEquals("tls.privateKey file " + dir.resolve("absent-key.pem") + " does not exist", refusal(missingKey));
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws IOException {
        TlsFiles one = write("one", ca.issueLocal("node1"), ca);
        TlsFiles other = write("other", ca.issueLocal("node2"), ca);
        String refusal = refusal(new TlsFiles(one.certificate(), other.privateKey(), one.ca()));
        assertTrue(refusal.startsWith("the private key in tls.privateKey " + other.privateKey() + " does not belong to"
                + " the certificate in tls.certificate " + one.certificate()), refusal);
    }

    @Test
    void anExpiredCertificateIsRefusedWithItsDate() throws IOException {
        Instant expiry = now.minus(Duration.ofDays(1));
        TlsFiles files = write("expired", ca.issue("node1", List.of("localhost"), List.of("127.0.0.1"),
                now.minus(Duration.ofDays(30)), expiry), ca);
        String refusal = refusal(files);
        assertTrue(refusal.startsWith("the certificate in tls.certificate " + files.certificate() + " (CN=node1)"
                + " expired on "), refusal);
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() throws IOException {
        LocalCa other = LocalCa.create("Other CA", now.minusSeconds(3600), now.plus(Duration.ofDays(2)));
        TlsFiles files = write("foreign", other.issueLocal("node1"), ca);
        String refusal = refusal(files);
        assertTrue(refusal.contains("was not issued by the CA in tls.ca " + files.ca()), refusal);
    }

    @Test
    void aCertificateThatDoesNotNameTheNodesHostIsRefused() throws IOException {
        TlsFiles files = write("elsewhere", ca.issue("node1", List.of("db.example"), List.of(),
                now.minusSeconds(60), now.plus(Duration.ofDays(1))), ca);
        String refusal = refusal(files);
        assertTrue(refusal.contains("names [db.example] but this node is reached at 127.0.0.1"), refusal);
    }

    @Test
    void aNodeWithBadTlsFilesExitsWithStatusTwoAndOneLine() throws IOException {
        try (LocalCluster cluster = LocalCluster.start(0)) {
            TlsFiles good = write("good", ca.issueLocal("solo"), ca);
            TlsFiles expired = write("expired", ca.issue("solo", List.of(), List.of("127.0.0.1"),
                    now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))), ca);
            TlsFiles mismatched = new TlsFiles(good.certificate(), expired.privateKey(), good.ca());
            TlsFiles missing = new TlsFiles(dir.resolve("none.pem"), good.privateKey(), good.ca());
            record Case(TlsFiles files, String says) {
            }
            for (Case c : List.of(new Case(expired, "expired on"), new Case(mismatched, "does not belong to"),
                    new Case(missing, "does not exist"))) {
                NodeProcess process = startSolo(cluster, c.files());
                assertEquals(2, process.exitCode(EXIT_WAIT).orElseThrow(() -> new AssertionError("node kept running")));
                List<String> refusals = process.log().lines().filter(l -> l.contains("refusing to start")).toList();
                assertEquals(1, refusals.size(), process.log());
                assertTrue(refusals.get(0).contains(c.says()), refusals.get(0));
            }
        }
    }

    private NodeProcess startSolo(LocalCluster cluster, TlsFiles files) throws IOException {
        Path config = Files.createTempFile(dir, "solo", ".yaml");
        Files.writeString(config, """
                cluster:
                  token: "t"
                  members:
                    - id: "solo"
                      url: "https://127.0.0.1:%d/"
                      raftAddress: "127.0.0.1:%d"
                node:
                  id: "solo"
                  dataDir: "%s"
                tls:
                  enabled: true
                  certificate: "%s"
                  privateKey: "%s"
                  ca: "%s"
                """.formatted(LocalCluster.freePort(), LocalCluster.freePort(), dir.resolve("solo-data"),
                files.certificate(), files.privateKey(), files.ca()));
        return NodeProcess.launch(List.of("--config", config.toString()), cluster.dir().resolve(config.getFileName()
                + ".log"));
    }

    private static String refusal(TlsFiles files) {
        return assertThrows(StartupRefusedException.class, () -> NodeTls.load(files, LOCAL_HOSTS, Instant.now()))
                .getMessage();
    }

    private TlsFiles write(String name, LocalCa.Issued issued, LocalCa authority) throws IOException {
        Path certificate = dir.resolve(name + ".pem");
        Path key = dir.resolve(name + "-key.pem");
        Path caFile = dir.resolve(name + "-ca.pem");
        issued.write(certificate, key);
        Files.writeString(caFile, LocalCa.pem(authority.certificate()));
        return new TlsFiles(certificate, key, caFile);
    }
}
