package io.confman.monitor.logic;

import io.confman.monitor.client.NodePoll;
import java.time.Instant;
import java.util.List;

/**
 * The answers of all configured nodes to one round of health probes.
 *
 * @param at    when the round finished (one clock reading for the whole round)
 * @param polls one entry per configured node, in configuration order
 */
public record PollRound(Instant at, List<NodePoll> polls) {

    public PollRound {
        polls = List.copyOf(polls);
    }
}
