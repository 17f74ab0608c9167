package io.confman.monitor.logic;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the monitor connects to and how often it polls.
 *
 * @param nodes          the nodes' HTTP base URLs, each ending in {@code /}
 * @param apiKey         the {@code X-Api-Key} for the data views, or empty for none
 * @param pollInterval   time between health rounds
 * @param snapshotBudget snapshots slower than this are reported
 */
public record MonitorSettings(List<URI> nodes, String apiKey, Duration pollInterval, Duration snapshotBudget) {

    /** The three nodes of {@code ./confman up}. */
    public static final List<URI> LOCAL_NODES = List.of(
            URI.create("http://127.0.0.1:6100/"), URI.create("http://127.0.0.1:6200/"),
            URI.create("http://127.0.0.1:6300/"));
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_SNAPSHOT_BUDGET = Duration.ofMillis(100);
    public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);
    public static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(10);

    public MonitorSettings {
        nodes = List.copyOf(nodes);
        apiKey = apiKey == null ? "" : apiKey.strip();
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("at least one node URL is needed");
        }
        if (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0 || pollInterval.compareTo(MAX_POLL_INTERVAL) > 0) {
            throw new IllegalArgumentException("poll interval must be between "
                    + MIN_POLL_INTERVAL.toMillis() + " ms and " + MAX_POLL_INTERVAL.toMinutes() + " min");
        }
        if (snapshotBudget.isNegative() || snapshotBudget.isZero()) {
            throw new IllegalArgumentException("snapshot budget must be positive");
        }
    }

    /** The local three-node cluster, no key, 1 s polling, 100 ms budget. */
    public static MonitorSettings defaults() {
        return new MonitorSettings(LOCAL_NODES, "", DEFAULT_POLL_INTERVAL, DEFAULT_SNAPSHOT_BUDGET);
    }

    /** A copy with other nodes, key and interval (the budget is kept). */
    public MonitorSettings with(List<URI> newNodes, String newApiKey, Duration newInterval) {
        return new MonitorSettings(newNodes, newApiKey, newInterval, snapshotBudget);
    }

    /**
     * Parses node URLs separated by commas or white space. {@code host:port} alone means
     * {@code http://host:port/}; a missing trailing slash is added.
     */
    public static List<URI> parseNodes(String text) {
        List<URI> nodes = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (!part.isBlank()) {
                nodes.add(parseNode(part.strip()));
            }
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("at least one node URL is needed");
        }
        return nodes;
    }

    /** Parses one node URL; see {@link #parseNodes}. */
    public static URI parseNode(String text) {
        String withScheme = text.contains("://") ? text : "http://" + text;
        String withSlash = withScheme.endsWith("/") ? withScheme : withScheme + "/";
        try {
            URI uri = new URI(withSlash);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL with a host: " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + text, e);
        }
    }

    /** Parses a duration given as {@code 500ms}, {@code 2s}, {@code 1m} or plain milliseconds. */
    public static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).strip()));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).strip()) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).strip()));
            }
            return Duration.ofMillis(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration (e.g. 500ms, 1s): " + text, e);
        }
    }
}
