package io.confman.monitor.logic;

import io.confman.codec.wire.SnapshotView;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the tracker derived from one round.
 *
 * @param at           the round's time
 * @param assessment   status, leader, term, leader commit index
 * @param events       new timeline events, oldest first
 * @param writeRate    committed entries per second since the previous round, NaN when unknown
 * @param newSnapshots snapshots seen for the first time in this round, by node URL
 * @param nodeNames    a display name per node URL (node id when known, else host:port)
 */
public record RoundReport(Instant at, Assessment assessment, List<MonitorEvent> events, double writeRate,
                          Map<URI, SnapshotView> newSnapshots, Map<URI, String> nodeNames) {

    public RoundReport {
        events = List.copyOf(events);
        newSnapshots = Map.copyOf(newSnapshots);
        nodeNames = Map.copyOf(nodeNames);
    }
}
