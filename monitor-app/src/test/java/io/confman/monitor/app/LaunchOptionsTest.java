package io.confman.monitor.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.monitor.logic.MonitorSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
}
