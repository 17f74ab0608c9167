package io.confman.web.metrics;

import io.confman.raft.node.DurationHistogram;
import java.util.List;
import java.util.Map;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: per metric family a {@code # HELP}
 * and {@code # TYPE} line, then its samples, label values escaped. Not thread-safe; one per answer.
 */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder text = new StringBuilder(8 * 1024);

    /** A family with one unlabelled sample. */
    PrometheusText single(String name, String type, String help, double value) {
        family(name, type, help);
        return sample(name, Map.of(), value);
    }

    /** Starts a family: its help and type lines. {@code type} is counter, gauge or histogram. */
    PrometheusText family(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ')
                .append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** One sample of the current family; labels in the map's order. */
    PrometheusText sample(String name, Map<String, String> labels, double value) {
        text.append(name);
        if (!labels.isEmpty()) {
            text.append('{');
            boolean first = true;
            for (Map.Entry<String, String> label : labels.entrySet()) {
                if (!first) {
                    text.append(',');
                }
                first = false;
                text.append(label.getKey()).append("=\"").append(escape(label.getValue())).append('"');
            }
            text.append('}');
        }
        return value(value);
    }

    /** A histogram family: cumulative {@code _bucket}s with {@code le}, {@code _sum} and {@code _count}. */
    PrometheusText histogram(String name, String help, DurationHistogram.Snapshot histogram) {
        family(name, "histogram", help);
        List<Double> bounds = DurationHistogram.UPPER_BOUNDS_SECONDS;
        for (int i = 0; i <= bounds.size(); i++) {
            String le = i == bounds.size() ? "+Inf" : number(bounds.get(i));
            sample(name + "_bucket", Map.of("le", le), histogram.cumulativeCount(i));
        }
        sample(name + "_sum", Map.of(), histogram.sumSeconds());
        return sample(name + "_count", Map.of(), histogram.count());
    }

    private PrometheusText value(double value) {
        text.append(' ').append(number(value)).append('\n');
        return this;
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
