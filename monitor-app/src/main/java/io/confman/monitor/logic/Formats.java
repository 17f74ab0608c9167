package io.confman.monitor.logic;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Text forms of numbers and times, shared by the model so that views only bind. */
public final class Formats {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Formats() {
    }

    /** {@code 1536 -> "1.5 KiB"}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** Wall-clock time of day in the given zone, {@code HH:mm:ss}. */
    public static String clock(Instant at, ZoneId zone) {
        return CLOCK.format(at.atZone(zone));
    }

    /** {@code http://127.0.0.1:6100/ -> "127.0.0.1:6100"}. */
    public static String hostPort(URI url) {
        return url.getPort() < 0 ? String.valueOf(url.getHost()) : url.getHost() + ":" + url.getPort();
    }
}
