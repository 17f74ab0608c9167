package io.confman.monitor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.pem.Pem;
import io.confman.monitor.logic.MonitorSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Launch settings from defaults, settings file, environment and command line, in that precedence. */
@Timeout(5)
class LaunchOptionsTest {

    @Test
    void noArgumentsMeanTheLocalCluster(@TempDir Path home) {
        MonitorSettings s = LaunchOptions.parse(List.of(), Map.of("HOME", home.toString()));
        assertEquals(MonitorSettings.defaults(), s);
    }

    @Test
    void positionalArgumentsAreNodeUrlsAndOptionsTakeBothForms(@TempDir Path home) {
        MonitorSettings s = LaunchOptions.parse(List.of("127.0.0.1:7001", "--api-key", "k1", "--interval=250ms",
                "http://localhost:7002"), Map.of("HOME", home.toString()));
        assertEquals(List.of(URI.create("http://127.0.0.1:7001/"), URI.create("http://localhost:7002/")), s.nodes());
        assertEquals("k1", s.apiKey());
        assertEquals(Duration.ofMillis(250), s.pollInterval());
    }

    @Test
    void settingsFileIsReadAndTheCommandLineWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("monitor.properties");
        Files.writeString(file, "nodes=http://127.0.0.1:6101/,http://127.0.0.1:6201/\napiKey=fromfile\n"
                + "interval=2s\nsnapshotBudget=50ms\n");
        MonitorSettings s = LaunchOptions.parse(List.of("--settings=" + file, "--interval=3s"),
                Map.of("CONFMAN_API_KEY", "fromenv"));
        assertEquals(2, s.nodes().size());
        assertEquals("fromenv", s.apiKey());
        assertEquals(Duration.ofSeconds(3), s.pollInterval());
        assertEquals(Duration.ofMillis(50), s.snapshotBudget());
    }

    @Test
    void unknownOptionOrMissingValueIsRefusedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(List.of("--colour=red"), Map.of()));
        assertTrue(e.getMessage().contains("--colour"));
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(List.of("--api-key"), Map.of()));
        assertTrue(LaunchOptions.wantsHelp(List.of("--help")));
    }

    /** Any CA certificate as PEM: the first of the JDK's own trust store. */
    private static String caPem() throws Exception {
        KeyStore jdkCas = KeyStore.getInstance(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts")
                .toFile(), (char[]) null);
        return Pem.encode("CERTIFICATE", jdkCas.getCertificate(jdkCas.aliases().nextElement()).getEncoded());
    }

    @Test
    void cacertIsAnOptionAndMakesItsCaTheOneHttpsConnectionsTrust(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, caPem());
        List<String> args = List.of("--cacert=" + ca, "https://127.0.0.1:6100/");
        assertEquals(List.of(URI.create("https://127.0.0.1:6100/")),
                LaunchOptions.parse(args, Map.of("HOME", dir.toString())).nodes());
        SSLContext before = SSLContext.getDefault();
        try {
            LaunchOptions.trustCa(args, Map.of());
            assertNotSame(before, SSLContext.getDefault());
        } finally {
            SSLContext.setDefault(before);
        }
    }

    @Test
    void aMissingOrUnreadableCaFileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "not a certificate");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.trustCa(List.of(), Map.of("CONFMAN_CACERT", dir.resolve("none.pem").toString())));
        assertTrue(missing.getMessage().startsWith("cannot read CA file " + dir.resolve("none.pem")), missing.getMessage());
        IllegalArgumentException unusable = assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.trustCa(List.of("--cacert", garbage.toString()), Map.of()));
        assertTrue(unusable.getMessage().startsWith("CA file " + garbage + " is not usable"), unusable.getMessage());
    }
}
