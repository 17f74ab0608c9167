package io.confman.raft.ratis;

import io.confman.raft.ApplyResult;
import io.confman.raft.ConfigStateMachine;
import io.confman.raft.LogPosition;
import io.confman.raft.SnapshotCapture;
import io.confman.raft.node.DurationHistogram;
import io.confman.raft.node.RaftMetrics;
import io.confman.raft.node.SnapshotStats;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one adapter from Ratis to Confman's state machine: hands each committed entry to {@link
 * ConfigStateMachine#applyEntry} and answers with its results (encoded by {@link ReplyCodec} only
 * when the reply crosses the network), answers read barrier entries with their index, and
 * streams snapshots to and from single files ({@link SnapshotFiles}).
 *
 * <p>Ratis calls {@link #applyTransaction}, {@link #takeSnapshot} and {@link #reinitialize} from
 * its one state machine updater thread, so the state machine sees them strictly one at a time. A
 * snapshot freezes the state on that thread (copying references only) and is written by a
 * separate snapshot thread, so a large state never stalls apply for the length of a write.
 */
final class StateMachineAdapter extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(StateMachineAdapter.class);
    private static final int STREAM_BUFFER_BYTES = 64 * 1024;

    private final ConfigStateMachine state;
    private final long snapshotBudgetMillis;
    private static final long SNAPSHOT_CLOSE_WAIT_SECONDS = 5;
    /** After a snapshot write of duration t, the next waits 4t: the writer uses at most ~20% of a core. */
    private static final long SNAPSHOT_COOLDOWN_FACTOR = 4;
    /**
     * A snapshot is written only once the log applied since the last one holds at least this many
     * times the last snapshot's bytes: writing a snapshot costs its size, so the work snapshots
     * add stays proportional to the bytes written (like an LSM tree's compaction), however large
     * the state grows, instead of rewriting a large state every {@code raft.snapshotInterval}
     * entries. Each member adds {@link #SNAPSHOT_RATIO_STEP_PER_MEMBER} per place in the member list,
     * so that the members do not all write their snapshots at the same log index, sharing the
     * same cores and disk at the same moment.
     */
    private static final double SNAPSHOT_LOG_TO_STATE_RATIO = 1.0;
    /** How far apart the members' snapshot thresholds lie (see {@link #SNAPSHOT_LOG_TO_STATE_RATIO}). */
    static final double SNAPSHOT_RATIO_STEP_PER_MEMBER = 0.25;
    /** After a snapshot write failed, the next is not tried for this long. */
    private static final long FAILED_SNAPSHOT_RETRY_SECONDS = 10;

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    /** Writes snapshots off the apply thread, one at a time. */
    private final ExecutorService snapshotThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "confman-snapshot-writer");
        thread.setDaemon(true);
        return thread;
    });
    /** Flushes a snapshot being written to the disk in steps, beside the snapshot thread. */
    private final ExecutorService snapshotSyncThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "confman-snapshot-sync");
        thread.setDaemon(true);
        return thread;
    });
    /** Read barriers waiting for this node to apply an index, by index. */
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> appliedWaiters = new ConcurrentSkipListMap<>();
    /** The snapshot being written, if any; touched by the apply thread only. */
    private Future<?> inFlight;
    /** {@link System#nanoTime} before which no new snapshot starts; set by the snapshot thread. */
    private volatile long nextSnapshotNotBeforeNanos = System.nanoTime();
    private volatile SnapshotStats lastSnapshot;
    /** Bytes of log entries applied since the last snapshot was captured; apply thread only. */
    private long appliedBytesSinceSnapshot;
    /** Where Ratis keeps this group's snapshot files; set by {@link #initialize}. */
    private volatile Path snapshotDir;
    /** Size of the newest snapshot file written or loaded. */
    private volatile long lastSnapshotBytes;

    private final DurationHistogram applyDuration = new DurationHistogram();
    private final DurationHistogram snapshotWriteDuration = new DurationHistogram();
    private final LongAdder leaderChanges = new LongAdder();

    /** The snapshot threshold of this member: log bytes since the last snapshot, per snapshot byte. */
    private final double logToStateRatio;

    /**
     * @param memberOrdinal this node's place in the member list (0 for the first), which sets how
     *                      far its snapshot threshold lies from the others'
     */
    StateMachineAdapter(ConfigStateMachine state, long snapshotBudgetMillis, int memberOrdinal) {
        this.state = state;
        this.snapshotBudgetMillis = snapshotBudgetMillis;
        this.logToStateRatio = SNAPSHOT_LOG_TO_STATE_RATIO + SNAPSHOT_RATIO_STEP_PER_MEMBER * memberOrdinal;
    }

    Optional<SnapshotStats> lastSnapshot() {
        return Optional.ofNullable(lastSnapshot);
    }

    /** This adapter's figures, with the Raft log's fsync durations, which the log worker records. */
    RaftMetrics metrics(DurationHistogram.Snapshot walFsyncDuration) {
        return new RaftMetrics(leaderChanges.sum(), applyDuration.snapshot(), snapshotWriteDuration.snapshot(),
                walFsyncDuration);
    }

    /** Ratis tells every member when it learns of a new leader (or of none). */
    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        leaderChanges.increment();
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        snapshotDir = raftStorage.getStorageDir().getStateMachineDir().toPath();
        getLifeCycle().startAndTransition(() -> loadLatestSnapshot(false), IOException.class);
    }

    /**
     * Before installing a snapshot from the leader, Ratis pauses the state machine; {@link
     * #reinitialize} loads the installed snapshot and resumes it.
     */
    @Override
    public void pause() {
        if (getLifeCycleState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    /**
     * Called after a snapshot was installed from the leader: load it in place of our state. When
     * it cannot be loaded this throws, the state stays as it was, and Ratis stops this server (its
     * updater closes the server on any exception here): the node neither serves nor votes with a
     * state that does not match its log.
     */
    @Override
    public void reinitialize() throws IOException {
        loadLatestSnapshot(true);
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        ByteString data = entry.getStateMachineLogEntry().getLogData();
        if (data.isEmpty()) {
            // A read barrier (see RatisClusterNode#readBarrier): no command, the state is unchanged.
            // It still occupies the log, and only a snapshot lets the log be purged: count it.
            appliedBytesSinceSnapshot += entry.getSerializedSize();
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            return CompletableFuture.completedFuture(ReplyCodec.barrierReply(entry.getIndex()));
        }
        appliedBytesSinceSnapshot += data.size();
        long started = System.nanoTime();
        List<ApplyResult> results = state.applyEntry(new LogPosition(entry.getTerm(), entry.getIndex()),
                data.asReadOnlyByteBuffer());
        applyDuration.observeNanos(System.nanoTime() - started);
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(ReplyCodec.reply(results));
    }

    /**
     * Completes once this node's state machine has applied the entry at {@code index} (at once if it
     * has). Any thread; completions run on the applying thread, so callers hand over long work.
     */
    CompletableFuture<Void> awaitApplied(long index) {
        if (getLastAppliedTermIndex().getIndex() >= index) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> waiter = appliedWaiters.computeIfAbsent(index, ignored -> new CompletableFuture<>());
        releaseAppliedWaiters(); // the index may have been applied while the waiter was registered
        return waiter;
    }

    @Override
    protected boolean updateLastAppliedTermIndex(TermIndex newTermIndex) {
        boolean updated = super.updateLastAppliedTermIndex(newTermIndex);
        releaseAppliedWaiters();
        return updated;
    }

    @Override
    protected void setLastAppliedTermIndex(TermIndex newTermIndex) {
        super.setLastAppliedTermIndex(newTermIndex);
        releaseAppliedWaiters();
    }

    private void releaseAppliedWaiters() {
        if (appliedWaiters == null || appliedWaiters.isEmpty()) { // null: called by the superclass constructor
            return;
        }
        TermIndex applied = getLastAppliedTermIndex();
        if (applied == null) {
            return;
        }
        var done = appliedWaiters.headMap(applied.getIndex(), true);
        while (!done.isEmpty()) {
            var first = done.pollFirstEntry();
            if (first != null) {
                first.getValue().complete(null);
            }
        }
    }

    /**
     * Confman sends Ratis no read-only requests (reads wait for a barrier entry instead, see {@link
     * RatisClusterNode#readBarrier}); a read-only request from elsewhere gets an empty answer.
     */
    @Override
    public CompletableFuture<Message> query(Message request) {
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    /**
     * Freezes the state (a short pause of the apply thread) and writes it on the snapshot thread.
     * Returns the index of the newest snapshot that is durable, so Ratis never purges log entries
     * that only a snapshot still being written would cover. At most one write runs at a time, and
     * after a write that took {@code t} the next starts no sooner than {@code
     * SNAPSHOT_COOLDOWN_FACTOR * t} later, and only once the log since the last one is as large
     * as that snapshot ({@link #SNAPSHOT_LOG_TO_STATE_RATIO}): with a large state and a high
     * write rate, snapshots then come less often than every {@code raft.snapshotInterval} entries
     * instead of taking the CPU the writes need.
     */
    @Override
    public long takeSnapshot() {
        long durable = durableSnapshotIndex();
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() <= durable || (inFlight != null && !inFlight.isDone())
                || System.nanoTime() - nextSnapshotNotBeforeNanos < 0
                || appliedBytesSinceSnapshot < logToStateRatio * lastSnapshotBytes) {
            return durable;
        }
        appliedBytesSinceSnapshot = 0;
        long started = System.nanoTime();
        SnapshotCapture capture = state.captureSnapshot();
        long pauseNanos = System.nanoTime() - started;
        inFlight = snapshotThread.submit(() -> persist(capture, last, pauseNanos));
        return durable;
    }

    private long durableSnapshotIndex() {
        SingleFileSnapshotInfo latest = storage.getLatestSnapshot();
        return latest == null ? RaftLog.INVALID_LOG_INDEX : latest.getIndex();
    }

    /** Writes a frozen state to its file (see {@link SnapshotFiles#write}), then publishes it. */
    private void persist(SnapshotCapture capture, TermIndex last, long pauseNanos) {
        long started = System.nanoTime();
        File target = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        try {
            SnapshotFiles.write(capture, target.toPath(), snapshotSyncThread);
            // No MD5 file beside the snapshot: the file's own SHA-256 trailer is checked whenever it is
            // read, and Ratis computes the MD5 it sends with a snapshot while sending it.
            storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(target.toPath(), null), last));
            long writeNanos = System.nanoTime() - started;
            snapshotWriteDuration.observeNanos(writeNanos);
            nextSnapshotNotBeforeNanos = System.nanoTime() + SNAPSHOT_COOLDOWN_FACTOR * writeNanos;
            long writeMillis = writeNanos / 1_000_000;
            lastSnapshotBytes = target.length();
            record(last.getIndex(), pauseNanos / 1_000_000, target.length(),
                    "taken (written in " + writeMillis + " ms off the apply thread)", true);
        } catch (IOException | RuntimeException e) {
            // Not again on the next applied entry: a full disk or a broken directory stays so for a while.
            nextSnapshotNotBeforeNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(FAILED_SNAPSHOT_RETRY_SECONDS);
            LOG.warn("snapshot at index {} could not be written (next try in {} s): {}", last.getIndex(),
                    FAILED_SNAPSHOT_RETRY_SECONDS, e.toString());
        }
    }

    /** Lets a snapshot being written finish (bounded) before Ratis closes the storage. */
    @Override
    public void close() throws IOException {
        snapshotThread.shutdown();
        try {
            if (!snapshotThread.awaitTermination(SNAPSHOT_CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("a snapshot was still being written at shutdown; the previous one stays the newest");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        snapshotSyncThread.shutdown();
        super.close();
    }

    /**
     * Loads the newest snapshot. At start-up the node is not yet in the group's heartbeat loop,
     * so the budget only matters for a snapshot installed from the leader at run time.
     *
     * <p>Ratis's own lookup ({@code SimpleStateMachineStorage.loadLatestSnapshot}) answers "no
     * snapshot" when it fails, which would start the state from empty over a log whose start the
     * snapshot covers; {@link SnapshotFiles#newest} throws instead, and any failure to read the
     * snapshot is thrown naming its file. Only a directory holding no snapshot at all starts empty,
     * and only at start-up: after an install there must be one.
     */
    private void loadLatestSnapshot(boolean whileServing) throws IOException {
        SingleFileSnapshotInfo snapshot = SnapshotFiles.newest(snapshotDir);
        if (snapshot == null) {
            if (whileServing) {
                throw unloadable("no snapshot found in " + snapshotDir + " after one was installed", null);
            }
            state.reset();
            return;
        }
        long started = System.nanoTime();
        Path file = snapshot.getFile().getPath();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), STREAM_BUFFER_BYTES)) {
            state.restore(in);
        } catch (IOException | RuntimeException e) {
            throw unloadable("snapshot " + file + " could not be loaded", e);
        }
        storage.updateLatestSnapshot(snapshot);
        setLastAppliedTermIndex(snapshot.getTermIndex());
        lastSnapshotBytes = Files.size(file);
        record(snapshot.getIndex(), (System.nanoTime() - started) / 1_000_000, Files.size(file),
                whileServing ? "installed" : "loaded at start-up", whileServing);
    }

    /**
     * The failure to throw when the state cannot be loaded, logged once here. Its message is
     * whole (no cause), so that the one line a refused start prints names the file and the reason.
     */
    private static IOException unloadable(String what, Throwable cause) {
        String message = cause == null ? what : what + ": " + cause;
        LOG.error("{}; this node stops rather than run with a state that does not match its log", message);
        return new IOException(message);
    }

    /** Publishes a snapshot's figures; {@code millis} is how long it kept the apply thread from applying. */
    private void record(long index, long millis, long bytes, String verb, boolean budgeted) {
        lastSnapshot = new SnapshotStats(index, millis, bytes, Instant.now());
        if (budgeted && millis > snapshotBudgetMillis) {
            LOG.warn("snapshot at index {} {}: the state machine paused {} ms, over the budget of {} ms"
                    + " (raft.snapshotBudgetMillis): a slow snapshot can cause spurious elections",
                    index, verb, millis, snapshotBudgetMillis);
        } else {
            LOG.info("snapshot at index {} {}: {} ms pause, {} bytes", index, verb, millis, bytes);
        }
    }
}
