package io.confman.monitor.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confman.monitor.client.Timeouts;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Parsing of node lists and durations, the settings' limits, and timeouts derived from the interval. */
@Timeout(5)
class MonitorSettingsTest {

    @Test
    void nodeListAcceptsCommasSpacesBareHostPortAndMissingSlash() {
        assertEquals(List.of(URI.create("http://127.0.0.1:6100/"), URI.create("http://h:6200/"),
                        URI.create("https://x:1/base/")),
                MonitorSettings.parseNodes("127.0.0.1:6100, http://h:6200  https://x:1/base"));
    }

    @Test
    void emptyOrWrongNodeListIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MonitorSettings.parseNodes(" , "));
        assertThrows(IllegalArgumentException.class, () -> MonitorSettings.parseNodes("ftp://x:1/"));
    }

    @Test
    void durationsUnderstandMillisSecondsMinutesAndPlainNumbers() {
        assertEquals(Duration.ofMillis(500), MonitorSettings.parseDuration("500ms"));
        assertEquals(Duration.ofMillis(1500), MonitorSettings.parseDuration("1.5s"));
        assertEquals(Duration.ofMinutes(2), MonitorSettings.parseDuration("2m"));
        assertEquals(Duration.ofMillis(250), MonitorSettings.parseDuration("250"));
        assertThrows(IllegalArgumentException.class, () -> MonitorSettings.parseDuration("soon"));
    }

    @Test
    void pollIntervalOutsideItsLimitsIsRefused() {
        MonitorSettings d = MonitorSettings.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.with(d.nodes(), "", Duration.ofMillis(10)));
        assertThrows(IllegalArgumentException.class, () -> d.with(d.nodes(), "", Duration.ofHours(1)));
    }

    @Test
    void defaultsAreTheLocalClusterPolledEverySecond() {
        MonitorSettings d = MonitorSettings.defaults();
        assertEquals(3, d.nodes().size());
        assertEquals(URI.create("http://127.0.0.1:6100/"), d.nodes().get(0));
        assertEquals(Duration.ofSeconds(1), d.pollInterval());
        assertEquals(Duration.ofMillis(100), d.snapshotBudget());
    }

    @Test
    void probeTimeoutsFitInsideThePollInterval() {
        Timeouts t = Timeouts.forPollInterval(Duration.ofSeconds(1));
        assertEquals(Duration.ofMillis(500), t.connect());
        assertEquals(Duration.ofMillis(800), t.request());
        assertEquals(Timeouts.MINIMUM, Timeouts.forPollInterval(Duration.ofMillis(60)).connect());
    }
}
