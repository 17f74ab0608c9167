package io.confman.raft.ratis;

import io.confman.raft.node.ReplicatedStateMachine;
import io.confman.raft.node.SnapshotStats;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
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
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ratis's view of Confman's state machine: decodes nothing itself, it hands each committed entry
 * to the {@link ReplicatedStateMachine} and streams snapshots to and from single files.
 *
 * <p>Ratis calls {@link #applyTransaction}, {@link #takeSnapshot} and {@link #reinitialize} from
 * its one state machine updater thread, so the delegate sees them strictly one at a time.
 */
final class StateMachineAdapter extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(StateMachineAdapter.class);
    private static final int STREAM_BUFFER_BYTES = 64 * 1024;

    private final ReplicatedStateMachine delegate;
    private final long snapshotBudgetMillis;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private volatile SnapshotStats lastSnapshot;

    StateMachineAdapter(ReplicatedStateMachine delegate, long snapshotBudgetMillis) {
        this.delegate = delegate;
        this.snapshotBudgetMillis = snapshotBudgetMillis;
    }

    Optional<SnapshotStats> lastSnapshot() {
        return Optional.ofNullable(lastSnapshot);
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        loadLatestSnapshot(false);
    }

    /** Called after a snapshot was installed from the leader: load it in place of our state. */
    @Override
    public void reinitialize() throws IOException {
        loadLatestSnapshot(true);
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        ByteString data = entry.getStateMachineLogEntry().getLogData();
        byte[] answer = delegate.apply(entry.getTerm(), entry.getIndex(), data.asReadOnlyByteBuffer());
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(answer)));
    }

    /** Linearizable reads are served from local state after ReadIndex; the query is only a barrier. */
    @Override
    public CompletableFuture<Message> query(Message request) {
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() <= 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        long started = System.nanoTime();
        File target = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        Path tmp = target.toPath().resolveSibling(target.getName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), STREAM_BUFFER_BYTES);
            delegate.writeSnapshot(out);
            out.flush();
            channel.force(true);
        }
        Files.move(tmp, target.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(target.toPath().getParent());
        var md5 = MD5FileUtil.computeAndSaveMd5ForFile(target);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(target.toPath(), md5), last));
        record(last.getIndex(), started, target.length(), "taken", true);
        return last.getIndex();
    }

    /**
     * Loads the newest snapshot. At start-up the node is not yet in the group's heartbeat loop,
     * so the budget only matters for a snapshot installed from the leader at run time.
     */
    private void loadLatestSnapshot(boolean whileServing) throws IOException {
        SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
        if (snapshot == null) {
            delegate.reset();
            return;
        }
        long started = System.nanoTime();
        Path file = snapshot.getFile().getPath();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), STREAM_BUFFER_BYTES)) {
            delegate.restoreSnapshot(in);
        }
        setLastAppliedTermIndex(snapshot.getTermIndex());
        record(snapshot.getIndex(), started, Files.size(file), whileServing ? "installed" : "loaded at start-up",
                whileServing);
    }

    private void record(long index, long startedNanos, long bytes, String verb, boolean budgeted) {
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        lastSnapshot = new SnapshotStats(index, millis, bytes, Instant.now());
        if (budgeted && millis > snapshotBudgetMillis) {
            LOG.warn("snapshot at index {} {} in {} ms, over the budget of {} ms (raft.snapshotBudgetMillis):"
                    + " a slow snapshot can cause spurious elections", index, verb, millis, snapshotBudgetMillis);
        } else {
            LOG.info("snapshot at index {} {} in {} ms ({} bytes)", index, verb, millis, bytes);
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

}
