package io.confman.raft.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Everything the Raft layer of one node runs with. Built by the launcher from configuration;
 * {@link #problems()} lists what is wrong with it so that a node refuses to start with one clear
 * line instead of failing later.
 *
 * <p>The timing invariant {@code snapshotBudgetMillis < electionTimeoutMinMillis <
 * electionTimeoutMaxMillis < requestTimeoutMillis} keeps a slow snapshot from looking like a dead
 * leader, and a slow election from looking like a failed write.
 *
 * @param nodeId                   this node's id; must name one of {@code members}
 * @param groupId                  the Raft group id, identical on every member
 * @param members                  the members a new cluster is formed with (and where this node finds
 *                                 them); afterwards the Raft configuration is the truth
 * @param storageDir               where Ratis keeps its log and snapshots ({@code <data>/raft})
 * @param electionTimeoutMinMillis lower bound of the randomised election timeout
 * @param electionTimeoutMaxMillis upper bound of the randomised election timeout
 * @param requestTimeoutMillis     how long a write or a linearizable read may wait for commit
 * @param snapshotBudgetMillis     how long a snapshot may take before a warning is logged
 * @param snapshotIntervalEntries  a snapshot is taken every this many applied entries
 * @param logSegmentSizeBytes      size at which a Raft log segment file is closed; only closed
 *                                 segments below the newest snapshot are purged
 * @param maxProposalsInFlight     Raft entries this node has proposed and not yet seen answered, at
 *                                 most; writes that arrive meanwhile wait and go out together as
 *                                 one batch entry
 * @param ratisProperties          Apache Ratis properties ({@code raft.server.*}, {@code
 *                                 raft.grpc.*}, ...) set as given, over Confman's own choices
 * @param initialState             what a node whose storage is empty does: {@link
 *                                 InitialState#NEW} formats it as a voter of a brand-new cluster,
 *                                 {@link InitialState#EXISTING} joins the running group as a
 *                                 non-voter and votes only once caught up; ignored when the
 *                                 storage holds the group already
 */
public record RaftSettings(String nodeId, UUID groupId, List<Member> members, Path storageDir,
                           long electionTimeoutMinMillis, long electionTimeoutMaxMillis,
                           long requestTimeoutMillis, long snapshotBudgetMillis,
                           long snapshotIntervalEntries, long logSegmentSizeBytes,
                           int maxProposalsInFlight, Map<String, String> ratisProperties,
                           InitialState initialState) {

    /**
     * How a node with empty storage starts, as etcd's {@code --initial-cluster-state}: {@code new}
     * only for the first start of every member of a brand-new cluster, {@code existing} otherwise.
     */
    public enum InitialState {
        NEW, EXISTING;

        /** {@code "new"} or {@code "existing"}, as written in configuration. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final long DEFAULT_ELECTION_TIMEOUT_MIN_MILLIS = 1_000;
    public static final long DEFAULT_ELECTION_TIMEOUT_MAX_MILLIS = 3_000;
    public static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 10_000;
    public static final long DEFAULT_SNAPSHOT_BUDGET_MILLIS = 100;
    public static final long DEFAULT_SNAPSHOT_INTERVAL_ENTRIES = 10_000;
    public static final int DEFAULT_MAX_PROPOSALS_IN_FLIGHT = 2;
    public static final long DEFAULT_LOG_SEGMENT_SIZE_BYTES = 8L * 1024 * 1024;
    /** Smallest segment that still holds one maximal entry (Ratis's append limit) plus framing. */
    public static final long MIN_LOG_SEGMENT_SIZE_BYTES = 16L * 1024;

    public RaftSettings {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(storageDir, "storageDir");
        Objects.requireNonNull(initialState, "initialState");
        members = List.copyOf(members);
        ratisProperties = Map.copyOf(ratisProperties);
    }

    /** This node's member entry. */
    public Member self() {
        return members.stream().filter(m -> m.id().equals(nodeId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("node id " + nodeId + " is not a member"));
    }

    /**
     * What is wrong with these settings, each problem one sentence naming the configuration keys
     * to change; empty when they are usable.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (members.isEmpty()) {
            problems.add("cluster.members is empty: list every member (id, url, raftAddress)");
        }
        if (members.stream().noneMatch(m -> m.id().equals(nodeId))) {
            problems.add("node.id '" + nodeId + "' is not one of cluster.members "
                    + members.stream().map(Member::id).toList() + ": set node.id to a member id");
        }
        Set<String> ids = new HashSet<>();
        Set<String> endpoints = new HashSet<>();
        for (Member m : members) {
            if (!ids.add(m.id())) {
                problems.add("cluster.members lists id '" + m.id() + "' twice");
            }
            if (!endpoints.add(m.raftAddress())) {
                problems.add("cluster.members uses raft address " + m.raftAddress() + " twice");
            }
            if (!endpoints.add(m.httpUrl().getHost() + ":" + m.httpPort())) {
                problems.add("cluster.members uses HTTP address " + m.httpUrl().getHost() + ":"
                        + m.httpPort() + " twice (or the same as a raft address)");
            }
        }
        if (!(snapshotBudgetMillis > 0
                && snapshotBudgetMillis < electionTimeoutMinMillis
                && electionTimeoutMinMillis < electionTimeoutMaxMillis
                && electionTimeoutMaxMillis < requestTimeoutMillis)) {
            problems.add("timing invariant violated: need raft.snapshotBudgetMillis ("
                    + snapshotBudgetMillis + ") < raft.electionTimeoutMinMillis (" + electionTimeoutMinMillis
                    + ") < raft.electionTimeoutMaxMillis (" + electionTimeoutMaxMillis
                    + ") < raft.requestTimeoutMillis (" + requestTimeoutMillis + "): change these keys");
        }
        if (logSegmentSizeBytes < MIN_LOG_SEGMENT_SIZE_BYTES) {
            problems.add("raft.logSegmentSizeBytes must be at least " + MIN_LOG_SEGMENT_SIZE_BYTES
                    + " (is " + logSegmentSizeBytes + ")");
        }
        if (snapshotIntervalEntries < 1) {
            problems.add("raft.snapshotInterval must be at least 1 (is " + snapshotIntervalEntries + ")");
        }
        if (maxProposalsInFlight < 1) {
            problems.add("raft.maxProposalsInFlight must be at least 1 (is " + maxProposalsInFlight + ")");
        }
        ratisProperties.keySet().stream().filter(key -> !key.startsWith("raft."))
                .forEach(key -> problems.add("raft.ratis key '" + key + "' is not a Ratis property (they start with"
                        + " \"raft.\")"));
        return problems;
    }
}
