package io.confman.monitor.logic;

import java.time.Instant;

/**
 * One entry of the event timeline.
 *
 * @param at      when the monitor noticed it (the poll round's time)
 * @param kind    what it is about
 * @param node    the node concerned, or null for cluster-wide events
 * @param message a sentence for the user
 */
public record MonitorEvent(Instant at, EventKind kind, String node, String message) {
}
