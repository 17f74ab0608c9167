package io.confman.monitor.client;

import io.confman.codec.wire.HealthReport;
import java.net.URI;
import java.time.Instant;

/**
 * The outcome of one health probe of one node: either the node's report (whether it said
 * {@code ready} or {@code not_ready}) or the reason it could not be read.
 *
 * @param node    the node's configured base URL
 * @param at      when the probe finished
 * @param report  the parsed {@code /health/ready} body, or null when the node was not reachable
 * @param error   why no report was read, or null when one was
 * @param metrics the figures of the node's {@code /metrics} for the charts, or null when they
 *                were not read (not asked for, or the scrape failed)
 */
public record NodePoll(URI node, Instant at, HealthReport report, String error, NodeMetrics metrics) {

    public NodePoll {
        if (node == null || at == null) {
            throw new IllegalArgumentException("node and at are required");
        }
        if ((report == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of report and error must be set");
        }
    }

    /** A node that answered with a readable health body. */
    public static NodePoll answered(URI node, Instant at, HealthReport report) {
        return new NodePoll(node, at, report, null, null);
    }

    /** A node that could not be read (refused, timed out, garbled answer). */
    public static NodePoll failed(URI node, Instant at, String error) {
        return new NodePoll(node, at, null, error, null);
    }

    /** This poll with the node's metrics added (null: none were read). */
    public NodePoll withMetrics(NodeMetrics scraped) {
        return new NodePoll(node, at, report, error, scraped);
    }

    /** Whether the node answered with a health body. */
    public boolean reachable() {
        return report != null;
    }
}
