package io.confman.raft.ratis;

import io.confman.raft.ApplyResult;
import io.confman.raft.node.ClusterMember;
import io.confman.raft.node.ClusterNode;
import io.confman.raft.node.DurationHistogram;
import io.confman.raft.node.Member;
import io.confman.raft.node.MembershipChangeRefused;
import io.confman.raft.node.NodeStatus;
import io.confman.raft.node.RaftMetrics;
import io.confman.raft.node.RaftSettings;
import io.confman.raft.node.RaftUnavailableException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ClusterNode} backed by one Ratis server (gRPC transport), an asynchronous Ratis client
 * that forwards proposals to the leader ({@link LeaderForwarder}) and a blocking one for
 * administrative calls. Linearizable reads wait for an empty barrier entry written
 * through the log (see {@link #readBarrier}).
 */
final class RatisClusterNode implements ClusterNode {
    private static final Logger LOG = LoggerFactory.getLogger(RatisClusterNode.class);
    /** Pause between client retries while a leader is being elected. */
    private static final long CLIENT_RETRY_SLEEP_MILLIS = 100;
    /** How long a stopping leader tries to hand its leadership over (see {@link LeadershipHandOver}). */
    private static final long HAND_OVER_MILLIS = 3_000;

    /** Virtual threads for blocking client calls and read-barrier hand-overs; callers wait on futures. */
    private static final Executor BACKGROUND = Executors.newVirtualThreadPerTaskExecutor();

    private final RaftSettings settings;
    private final RaftGroup group;
    private final RaftServer server;
    private final RaftClient client;
    private final LeaderForwarder forwarder;
    /** The adapter of the division now open; replaced when the division reopens. */
    private final AtomicReference<StateMachineAdapter> stateMachine;
    /** Durations of the Raft log's fsyncs, recorded by Ratis's log worker (see {@link LogSyncDurations}). */
    private final DurationHistogram walFsync;
    /** Set by {@link RatisNodes#start} on a node that formatted as a non-voter. */
    volatile CatchUpPromotion promotion;
    final RatisMembership membership;
    private final ClientId localClientId = ClientId.randomId();
    private final AtomicLong localCallIds = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * Read barriers a node keeps in flight at once; readers arriving while all are taken share the
     * next one.
     */
    private static final int READ_ROUNDS_IN_FLIGHT = 2;
    /**
     * When the call a thread makes through the Raft client must be given up ({@link
     * System#nanoTime}); read by {@link #FORWARD_RETRIES}, which runs on that thread between
     * attempts. Set by {@link #withDeadline}; without it nothing is retried.
     */
    private static final ThreadLocal<Long> FORWARD_DEADLINE = new ThreadLocal<>();
    /**
     * Retries a blocking client call while leaders change, but never past its thread's deadline: a
     * change the caller was told failed must not be sent again later, where it could undo newer
     * ones, or, after the leader's retry cache forgot it, apply twice.
     */
    static final RetryPolicy FORWARD_RETRIES = event -> {
        Long deadline = FORWARD_DEADLINE.get();
        boolean timeLeft = deadline != null
                && deadline - System.nanoTime() > TimeUnit.MILLISECONDS.toNanos(CLIENT_RETRY_SLEEP_MILLIS);
        return timeLeft && !Thread.currentThread().isInterrupted()
                ? () -> RatisProperties.millis(CLIENT_RETRY_SLEEP_MILLIS) : RetryPolicy.NO_RETRY_ACTION;
    };

    private final ReadBarrierBatcher readBarriers = new ReadBarrierBatcher(this::oneReadBarrier, BACKGROUND,
            READ_ROUNDS_IN_FLIGHT);

    RatisClusterNode(RaftSettings settings, RaftGroup group, RaftServer server, RaftClient client,
                     Parameters transport, AtomicReference<StateMachineAdapter> stateMachine,
                     DurationHistogram walFsync) {
        this.settings = settings;
        this.walFsync = walFsync;
        this.group = group;
        this.server = server;
        this.client = client;
        this.forwarder = new LeaderForwarder(settings, group, transport, CLIENT_RETRY_SLEEP_MILLIS);
        this.stateMachine = stateMachine;
        this.membership = new RatisMembership(settings, group, server, client);
    }

    @Override
    public List<ClusterMember> members() {
        return membership.members();
    }

    @Override
    public CompletableFuture<List<ClusterMember>> addMember(Member member) {
        return membership.change("add " + member.id(), conf -> RaftMembers.addListener(conf, member));
    }

    @Override
    public CompletableFuture<List<ClusterMember>> removeMember(String id) {
        return membership.change("remove " + id, conf -> RaftMembers.remove(conf, id));
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
    public RaftMetrics metrics() {
        return stateMachine.get().metrics(walFsync.snapshot());
    }

    @Override
    public boolean raftRunning() {
        if (membership.reopening()) {
            return true;
        }
        try {
            return server.getLifeCycleState().isRunning() && server.getDivision(group.getGroupId()).getInfo().isAlive();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public NodeStatus status() {
        try {
            var division = server.getDivision(group.getGroupId());
            var info = division.getInfo();
            RaftPeerId leader = info.getLeaderId();
            long commitIndex = division.getRaftLog().getLastCommittedIndex();
            return new NodeStatus(role(info.getCurrentRole()),
                    Optional.ofNullable(leader).map(RaftPeerId::toString),
                    info.isLeader() && info.isLeaderReady(),
                    info.getCurrentTerm(),
                    commitIndex,
                    info.getLastAppliedIndex(),
                    info.isLeader() ? commitIndex : leaderCommitIndex(division, leader),
                    stateMachine.get().lastSnapshot());
        } catch (IOException e) {
            return new NodeStatus(NodeStatus.Role.CANDIDATE, Optional.empty(), false, 0, 0, 0,
                    NodeStatus.UNKNOWN_INDEX, Optional.empty());
        }
    }

    /**
     * The leader's commit index as a follower last heard it: the leader sends every member's
     * commit index with its appends and heartbeats, and Ratis keeps them per peer.
     */
    static long leaderCommitIndex(RaftServer.Division division, RaftPeerId leader) {
        if (leader == null) {
            return NodeStatus.UNKNOWN_INDEX;
        }
        ByteString leaderId = leader.toByteString();
        return division.getCommitInfos().stream()
                .filter(c -> c.getServer().getId().equals(leaderId))
                .mapToLong(CommitInfoProto::getCommitIndex)
                .findFirst().orElse(NodeStatus.UNKNOWN_INDEX);
    }

    private static NodeStatus.Role role(RaftPeerRole role) {
        return switch (role) {
            case LEADER -> NodeStatus.Role.LEADER;
            case CANDIDATE -> NodeStatus.Role.CANDIDATE;
            default -> NodeStatus.Role.FOLLOWER;
        };
    }

    /**
     * On the leader the command is submitted to the local server in-process; elsewhere the Raft
     * forwarder sends it to the leader (see {@link LeaderForwarder}).
     */
    @Override
    public CompletableFuture<List<ApplyResult>> propose(byte[] entry) {
        Message message = Message.valueOf(ByteString.copyFrom(entry));
        CompletableFuture<RaftClientReply> reply = status().role() == NodeStatus.Role.LEADER
                ? submitLocally(RaftClientRequest.writeRequestType(), message)
                : forwarder.send(message);
        return reply.orTimeout(settings.requestTimeoutMillis(), TimeUnit.MILLISECONDS)
                .handle((r, failure) -> {
                    if (failure == null && r.isSuccess()) {
                        return ReplyCodec.results(r.getMessage());
                    }
                    throw unavailable("write", failure != null ? failure : r.getException());
                });
    }

    /** A blocking Raft client call on this thread, retried while leaders change for at most {@code millis}. */
    static <T> T withDeadline(long millis, ClientCall<T> call) throws IOException {
        FORWARD_DEADLINE.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
        try {
            return call.run();
        } finally {
            FORWARD_DEADLINE.remove();
        }
    }

    /** A blocking call through the Raft client. */
    @FunctionalInterface
    interface ClientCall<T> {
        T run() throws IOException;
    }

    /**
     * A linearizable read barrier is an empty entry written through the log, and a read waits
     * until this node has applied every entry before it. Its commit proves that this node's
     * leader still led after the reader arrived, so every write acknowledged before that lies
     * below it and is in the state read.
     *
     * <p>Why not Ratis's ReadIndex: in Ratis (3.2.0, and still in 3.3) a leader answers ReadIndex
     * without a heartbeat round whenever its commit index is one an earlier round confirmed, and
     * joins a round already under way; both let a leader that was deposed while paused or cut off
     * answer with old state. An entry cannot commit without a quorum of the current term.
     *
     * <p>Concurrent readers share barriers (see {@link ReadBarrierBatcher}): a burst of reads costs
     * a few entries, not one each; followers forward theirs to the leader like a write.
     */
    @Override
    public CompletableFuture<Void> readBarrier() {
        return readBarriers.barrier();
    }

    private CompletableFuture<Void> oneReadBarrier() {
        CompletableFuture<RaftClientReply> reply = status().role() == NodeStatus.Role.LEADER
                ? submitLocally(RaftClientRequest.writeRequestType(), Message.EMPTY)
                : forwarder.send(Message.EMPTY);
        return reply.orTimeout(settings.requestTimeoutMillis(), TimeUnit.MILLISECONDS)
                .handle((r, failure) -> {
                    if (failure == null && r.isSuccess()) {
                        return ReplyCodec.barrierIndex(r.getMessage());
                    }
                    throw unavailable("read", failure != null ? failure : r.getException());
                })
                // Every write acknowledged before the reader arrived lies below the barrier; the
                // barrier itself changes nothing, and a follower learns that it committed only
                // with the leader's next message, so waiting for the entries below is enough.
                .thenCompose(index -> stateMachine.get().awaitApplied(index - 1)
                        .orTimeout(settings.requestTimeoutMillis(), TimeUnit.MILLISECONDS)
                        .exceptionally(failure -> {
                            throw unavailable("read", failure);
                        }));
    }

    /** Hands a request to this node's own Raft server, in-process, on the calling thread. */
    private CompletableFuture<RaftClientReply> submitLocally(RaftClientRequest.Type type, Message message) {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(localClientId)
                .setServerId(server.getId())
                .setGroupId(group.getGroupId())
                .setCallId(localCallIds.incrementAndGet())
                .setMessage(message)
                .setType(type)
                .setTimeoutMs(settings.requestTimeoutMillis())
                .build();
        try {
            // The group's own division takes the request on this thread; the server-wide entry
            // point would first hand it to Ratis's client executor and wait for that thread.
            if (server.getDivision(group.getGroupId()) instanceof RaftClientAsynchronousProtocol division) {
                return division.submitClientRequestAsync(request);
            }
            return server.submitClientRequestAsync(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private RuntimeException unavailable(String what, Throwable cause) {
        Throwable root = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        NodeStatus status = status();
        // A write that ran out of time may have reached a leader: its outcome is unknown, not refused.
        if (status.leaderId().isEmpty() && !(root instanceof TimeoutException)) {
            return new RaftUnavailableException.NoLeader("no leader is known; the " + what + " was not served", root);
        }
        String detail = root instanceof TimeoutException
                ? "not confirmed within raft.requestTimeoutMillis (" + settings.requestTimeoutMillis() + " ms)"
                : "failed: " + rootMessage(root);
        return new RaftUnavailableException.Timeout("the " + what + " was " + detail, root);
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == null ? "unknown" : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (promotion != null) {
            promotion.stop();
        }
        try {
            LeadershipHandOver.ifLeader(server.getDivision(group.getGroupId()), client,
                    Math.min(HAND_OVER_MILLIS, settings.requestTimeoutMillis()));
        } catch (IOException e) {
            LOG.debug("no division to hand over: {}", e.toString());
        }
        try {
            forwarder.close();
            client.close();
        } catch (IOException e) {
            LOG.warn("closing the Raft clients failed: {}", e.toString());
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("closing the Raft server failed: {}", e.toString());
        }
        LOG.info("node {} stopped", settings.nodeId());
    }
}
