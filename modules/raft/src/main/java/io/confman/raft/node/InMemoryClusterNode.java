package io.confman.raft.node;

import io.confman.raft.ApplyResult;
import io.confman.raft.ConfigStateMachine;
import io.confman.raft.LogPosition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The in-memory twin of the Ratis-backed {@link ClusterNode}: a log kept in memory that commits
 * each proposal at once, as if a quorum had acknowledged it, and applies it to the state machine on
 * the caller's thread before {@link #propose} returns. It is the leader of its group for life (term
 * 1), so every write and read barrier succeeds, until {@link #isolate} cuts it off. Tests of the
 * layers above Raft (the web API) and newcomers start here; the contract suite in the raft module
 * holds it and the Ratis node to the same assertions.
 *
 * <p>Membership changes take effect at once with the Ratis node's refusals (an id or Raft address
 * already in use, an unknown id, the last voter); an added member stays a non-voter, since no
 * process behind it catches up, and this node does not remove itself.
 *
 * <p>Threads: any method from any thread. Proposals are applied one at a time in the order they
 * take the log's lock, which is the log order; the futures are complete when returned.
 */
public final class InMemoryClusterNode implements ClusterNode {
    /** The term every entry is written in: one leader for the whole life of the node. */
    private static final long TERM = 1;

    private final RaftSettings settings;
    private final ConfigStateMachine state;
    /** Held while an entry is appended and applied: one at a time, in log order. */
    private final Object log = new Object();
    /** Index of the last entry appended (and applied); guarded by {@link #log}. */
    private long lastIndex;
    private volatile boolean isolated;
    private volatile boolean closed;
    private final DurationHistogram applyDuration = new DurationHistogram();
    /** The group's members; replaced whole on each change, guarded by {@link #log}. */
    private List<ClusterMember> members;

    /**
     * A node that applies to {@code state}, appending after whatever {@code state} has applied
     * already (a restored state continues its log).
     */
    public InMemoryClusterNode(RaftSettings settings, ConfigStateMachine state) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.state = Objects.requireNonNull(state, "state");
        this.lastIndex = Math.max(0, state.lastAppliedIndex());
        this.members = settings.members().stream().map(m -> new ClusterMember(m, true)).toList();
    }

    /**
     * Cuts this node off from its (imagined) quorum, or joins it again: while isolated no leader is
     * known, so proposals and read barriers fail with {@link RaftUnavailableException.NoLeader};
     * stale reads of the local state still work.
     */
    public void isolate(boolean cutOff) {
        this.isolated = cutOff;
    }

    @Override
    public String nodeId() {
        return settings.nodeId();
    }

    @Override
    public RaftSettings settings() {
        return settings;
    }

    @Override
    public NodeStatus status() {
        long index;
        synchronized (log) {
            index = lastIndex;
        }
        boolean leading = !isolated && !closed;
        return new NodeStatus(leading ? NodeStatus.Role.LEADER : NodeStatus.Role.CANDIDATE,
                leading ? Optional.of(nodeId()) : Optional.empty(), leading, TERM, index, index,
                leading ? index : NodeStatus.UNKNOWN_INDEX, Optional.empty());
    }

    @Override
    public RaftMetrics metrics() {
        // No snapshots and no log file to sync: those histograms stay empty.
        return new RaftMetrics(0, applyDuration.snapshot(), new DurationHistogram().snapshot(),
                new DurationHistogram().snapshot());
    }

    @Override
    public boolean raftRunning() {
        return !closed;
    }

    @Override
    public List<ClusterMember> members() {
        synchronized (log) {
            return members;
        }
    }

    @Override
    public CompletableFuture<List<ClusterMember>> addMember(Member member) {
        synchronized (log) {
            for (ClusterMember existing : members) {
                if (existing.id().equals(member.id()) || existing.member().raftAddress().equals(member.raftAddress())) {
                    return refused(MembershipChangeRefused.Reason.CONFLICT, "member " + existing.id()
                            + " already uses id " + member.id() + " or raft address " + member.raftAddress());
                }
            }
            List<ClusterMember> changed = new ArrayList<>(members);
            changed.add(new ClusterMember(member, false));
            members = List.copyOf(changed);
            return CompletableFuture.completedFuture(members);
        }
    }

    @Override
    public CompletableFuture<List<ClusterMember>> removeMember(String id) {
        synchronized (log) {
            if (members.stream().noneMatch(m -> m.id().equals(id))) {
                return refused(MembershipChangeRefused.Reason.UNKNOWN_MEMBER, "no member has id " + id);
            }
            List<ClusterMember> left = members.stream().filter(m -> !m.id().equals(id)).toList();
            if (id.equals(nodeId()) || left.stream().noneMatch(ClusterMember::voting)) {
                return refused(MembershipChangeRefused.Reason.NOT_NOW, id + " is the last voting member or this"
                        + " in-memory node itself");
            }
            members = left;
            return CompletableFuture.completedFuture(members);
        }
    }

    private static CompletableFuture<List<ClusterMember>> refused(MembershipChangeRefused.Reason reason,
                                                                  String message) {
        return CompletableFuture.failedFuture(new MembershipChangeRefused(reason, message));
    }

    @Override
    public CompletableFuture<List<ApplyResult>> propose(byte[] entry) {
        Objects.requireNonNull(entry, "entry");
        Optional<RaftUnavailableException> unavailable = unavailable("write");
        if (unavailable.isPresent()) {
            return CompletableFuture.failedFuture(unavailable.get());
        }
        synchronized (log) {
            lastIndex++;
            long started = System.nanoTime();
            List<ApplyResult> results = state.applyEntry(new LogPosition(TERM, lastIndex), ByteBuffer.wrap(entry));
            applyDuration.observeNanos(System.nanoTime() - started);
            return CompletableFuture.completedFuture(results);
        }
    }

    /** Every committed entry is applied before its proposal returns, so a barrier has nothing to wait for. */
    @Override
    public CompletableFuture<Void> readBarrier() {
        Optional<RaftUnavailableException> unavailable = unavailable("read");
        return unavailable.isPresent() ? CompletableFuture.failedFuture(unavailable.get())
                : CompletableFuture.completedFuture(null);
    }

    private Optional<RaftUnavailableException> unavailable(String what) {
        if (closed) {
            return Optional.of(new RaftUnavailableException.NoLeader("this node is closed; the " + what
                    + " was not served", null));
        }
        if (isolated) {
            return Optional.of(new RaftUnavailableException.NoLeader("no leader is known; the " + what
                    + " was not served", null));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        closed = true;
    }
}
