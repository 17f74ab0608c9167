package io.confman.monitor.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Prometheus text format (0.0.4) that a node's {@code /metrics} answers into the
 * figures the charts use ({@link NodeMetrics}). Comment lines ({@code # HELP}, {@code # TYPE})
 * and families the monitor does not chart are skipped; a sample line that does not parse is an
 * error, so that a garbled answer is not mistaken for zeros.
 */
public final class MetricsText {

    /** The Raft log fsync histogram (API.md, metrics). */
    public static final String FSYNC = "confman_disk_wal_fsync_duration_seconds";
    /** HTTP requests by method, route and status code. */
    public static final String REQUESTS = "confman_http_requests_total";

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*)})? (\\S+)(?: \\S+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private MetricsText() {
    }

    /** One sample line: name, labels in their order, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** Every sample of {@code body}, in order. */
    public static List<Sample> samples(String body) throws ClientException {
        List<Sample> samples = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches()) {
                throw new ClientException("Not a Prometheus sample line: " + line, 0);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\n", "\n")
                            .replace("\\\\", "\\"));
                }
            }
            samples.add(new Sample(sample.group(1), labels, number(sample.group(3), line)));
        }
        return samples;
    }

    /** The figures the charts use; a family the node does not serve reads as absent (null / NaN). */
    public static NodeMetrics nodeMetrics(String body) throws ClientException {
        List<Sample> samples = samples(body);
        List<Double> bounds = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        double sum = Double.NaN;
        double writes = 0;
        boolean requestsSeen = false;
        for (Sample s : samples) {
            if (s.name().equals(FSYNC + "_bucket")) {
                bounds.add(number(s.labels().getOrDefault("le", ""), s.name()));
                counts.add(s.value());
            } else if (s.name().equals(FSYNC + "_sum")) {
                sum = s.value();
            } else if (s.name().equals(REQUESTS)) {
                requestsSeen = true;
                if (isWrite(s.labels())) {
                    writes += s.value();
                }
            }
        }
        BucketCounts fsync = bounds.isEmpty() ? null : new BucketCounts(bounds, counts, sum);
        return new NodeMetrics(fsync, requestsSeen ? writes : Double.NaN);
    }

    /**
     * Whether a request counted a write a client made: PUT, POST or DELETE of a data API route
     * answered with a 2xx status. Of a resumable upload only its commit counts (not starting it,
     * its chunks or its cancellation).
     */
    static boolean isWrite(Map<String, String> labels) {
        String method = labels.getOrDefault("method", "");
        String route = labels.getOrDefault("route", "");
        String code = labels.getOrDefault("code", "");
        return (method.equals("PUT") || method.equals("POST") || method.equals("DELETE"))
                && route.startsWith("/api/v1/") && (!route.contains("/uploads") || route.endsWith("/commit"))
                && code.startsWith("2");
    }

    private static double number(String text, String line) throws ClientException {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new ClientException("Not a number in " + line + ": " + text, 0);
                }
            }
        };
    }
}
