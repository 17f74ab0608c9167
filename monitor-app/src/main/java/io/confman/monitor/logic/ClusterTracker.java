package io.confman.monitor.logic;

import io.confman.codec.wire.BlobsView;
import io.confman.codec.wire.SnapshotView;
import io.confman.monitor.client.NodePoll;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers what the previous rounds showed and turns each new round into a {@link RoundReport}:
 * the assessment plus the timeline events that the change implies.
 *
 * <ul>
 *   <li>A higher term than before is an election; the event names the old and new leader.</li>
 *   <li>A leader appearing, changing or disappearing without a term change is reported too.</li>
 *   <li>A node that stops answering goes OFFLINE (also on the first round); one that answers again
 *       comes back ONLINE.</li>
 *   <li>A snapshot not seen before whose duration exceeds the budget is reported once.</li>
 *   <li>A node whose disk falls below its blob reserve is reported, and again when it recovers.</li>
 *   <li>The write rate is derived from the leader's commit index between rounds.</li>
 * </ul>
 * Pure and single-threaded: feed rounds in order from one thread.
 */
public final class ClusterTracker {

    private final Duration snapshotBudget;
    private final Map<URI, Boolean> online = new HashMap<>();
    private final Map<URI, Long> snapshotIndex = new HashMap<>();
    private final Map<URI, Boolean> atReserve = new HashMap<>();
    private final Map<URI, String> names = new LinkedHashMap<>();
    private final RateMeter writeRate = new RateMeter();
    private boolean firstRound = true;
    private long term;
    private String leader;

    public ClusterTracker(Duration snapshotBudget) {
        this.snapshotBudget = snapshotBudget;
    }

    /** The snapshot duration above which a snapshot is reported. */
    public Duration snapshotBudget() {
        return snapshotBudget;
    }

    /** Folds one round into the tracker's memory and reports what changed. */
    public RoundReport observe(PollRound round) {
        Instant at = round.at();
        Assessment assessment = StatusRules.assess(round.polls());
        List<MonitorEvent> events = new ArrayList<>();
        rememberNames(round.polls());
        leadershipEvents(at, assessment, events);
        Map<URI, SnapshotView> newSnapshots = new HashMap<>();
        for (NodePoll poll : round.polls()) {
            availabilityEvent(at, poll, events);
            snapshotEvent(at, poll, events, newSnapshots);
            diskEvent(at, poll, events);
        }
        double rate = assessment.leaderCommit() < 0 ? Double.NaN : writeRate.record(at, assessment.leaderCommit());
        firstRound = false;
        return new RoundReport(at, assessment, events, rate, newSnapshots, names);
    }

    private void leadershipEvents(Instant at, Assessment now, List<MonitorEvent> events) {
        String newLeader = now.leaderId();
        if (firstRound) {
            if (newLeader != null) {
                events.add(new MonitorEvent(at, EventKind.CONNECTED, newLeader,
                        "Leader " + newLeader + " in term " + now.term()));
            }
        } else if (now.term() > term) {
            events.add(new MonitorEvent(at, EventKind.ELECTION, newLeader,
                    "Election: term " + term + " → " + now.term() + ", leader "
                            + orNone(leader) + " → " + orNone(newLeader)));
        } else if (!Objects.equals(newLeader, leader)) {
            if (newLeader == null) {
                events.add(new MonitorEvent(at, EventKind.LEADER_LOST, leader,
                        "Leader " + leader + " lost; no leader known"));
            } else {
                events.add(new MonitorEvent(at, EventKind.LEADER_CHANGED, newLeader,
                        "Leader is now " + newLeader + " (term " + now.term() + ")"));
            }
        }
        term = Math.max(term, now.term());
        leader = newLeader;
    }

    private void availabilityEvent(Instant at, NodePoll poll, List<MonitorEvent> events) {
        Boolean before = online.put(poll.node(), poll.reachable());
        String name = names.get(poll.node());
        if (!poll.reachable() && (before == null || before)) {
            events.add(new MonitorEvent(at, EventKind.NODE_OFFLINE, name, name + " OFFLINE: " + poll.error()));
        } else if (poll.reachable() && Boolean.FALSE.equals(before)) {
            events.add(new MonitorEvent(at, EventKind.NODE_ONLINE, name, name + " is back online"));
        }
    }

    private void snapshotEvent(Instant at, NodePoll poll, List<MonitorEvent> events,
                               Map<URI, SnapshotView> newSnapshots) {
        SnapshotView snapshot = poll.reachable() ? poll.report().snapshot() : null;
        if (snapshot == null) {
            return;
        }
        Long seen = snapshotIndex.put(poll.node(), snapshot.index());
        if (seen != null && seen == snapshot.index()) {
            return;
        }
        newSnapshots.put(poll.node(), snapshot);
        if (snapshot.durationMs() > snapshotBudget.toMillis()) {
            String name = names.get(poll.node());
            events.add(new MonitorEvent(at, EventKind.SNAPSHOT_OVER_BUDGET, name,
                    name + " snapshot at index " + snapshot.index() + " took " + snapshot.durationMs()
                            + " ms (budget " + snapshotBudget.toMillis() + " ms)"));
        }
    }

    private void diskEvent(Instant at, NodePoll poll, List<MonitorEvent> events) {
        BlobsView blobs = poll.reachable() ? poll.report().blobs() : null;
        if (blobs == null) {
            return;
        }
        boolean full = blobs.atReserve();
        Boolean before = atReserve.put(poll.node(), full);
        String name = names.get(poll.node());
        if (full && !Boolean.TRUE.equals(before)) {
            events.add(new MonitorEvent(at, EventKind.DISK_AT_RESERVE, name, name + " is at its disk reserve ("
                    + Formats.bytes(blobs.freeBytes()) + " free, reserve " + Formats.bytes(blobs.reserveBytes())
                    + "): blob writes are refused"));
        } else if (!full && Boolean.TRUE.equals(before)) {
            events.add(new MonitorEvent(at, EventKind.DISK_RECOVERED, name, name + " has room for blobs again ("
                    + Formats.bytes(blobs.freeBytes()) + " free)"));
        }
    }

    private void rememberNames(List<NodePoll> polls) {
        for (NodePoll poll : polls) {
            String id = poll.reachable() ? poll.report().cluster().nodeId() : null;
            if (id != null && !id.isBlank()) {
                names.put(poll.node(), id);
            } else {
                names.putIfAbsent(poll.node(), Formats.hostPort(poll.node()));
            }
        }
    }

    private static String orNone(String id) {
        return id == null ? "none" : id;
    }
}
