package io.confman.raft;

import io.confman.codec.command.CommandBatch;
import io.confman.codec.command.CommandCodec;
import io.confman.codec.command.DecodeResult;
import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import io.confman.codec.snapshot.SnapshotException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicated configuration state and the rules that change it; deterministic, with no Raft,
 * file, clock or thread of its own. The rules themselves are documented on the package-private
 * {@code CommandApplier}: versions start at 1 and count updates, restart at 1 after a delete;
 * revision = log index, or just above it for the later commands of a batch entry (unique and
 * increasing either way); deleting a namespace cascades to its entries.
 *
 * <p><b>Threads.</b> {@link #applyEntry}, {@link #restore} and {@link #reset} are called by one
 * thread at a time, in log order — Ratis's apply thread, or the caller's thread in the in-memory
 * node. {@link #captureSnapshot} is called while that thread applies nothing (the caller pauses
 * it). The {@link ConfigQueries} methods may be called by any number of threads concurrently with
 * all of these. A read-write lock makes each apply atomic for readers; queries copy what they return into immutable values, so a caller never holds the lock
 * after a query returns. A restore builds the new state outside the lock and swaps it in only after
 * the snapshot's digest verified.
 *
 * <p><b>Errors.</b> {@code apply} never throws for any entry bytes: a malformed entry is logged once
 * (WARN), counted, and answered {@link ApplyResult.Skipped}; a rule violation is
 * {@link ApplyResult.Rejected}. Only a broken caller contract (an index that does not increase)
 * throws {@link IllegalStateException}.
 *
 * <p><b>Watchers.</b> The changes an entry applied are handed to the {@link ChangeListener} given
 * to {@link #listen}, on the apply thread after the lock is released; the listener only queues
 * them. A restore or reset tells it that the state was replaced.
 */
public final class ConfigStateMachine implements ConfigQueries {

    /** Audit events kept per namespace unless configured otherwise (ARCHITECTURE.md "Limits"). */
    public static final int DEFAULT_AUDIT_EVENTS_PER_NAMESPACE = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(ConfigStateMachine.class);

    private final int auditEventsPerNamespace;
    private final Lock readLock;
    private final Lock writeLock;
    private ConfigState state;
    /** See {@link #appliedBeforeReset}; written under the write lock, read without. */
    private volatile long appliedBeforeReset = -1;
    private volatile ChangeListener listener = ChangeListener.NONE;

    public ConfigStateMachine() {
        this(DEFAULT_AUDIT_EVENTS_PER_NAMESPACE);
    }

    /**
     * @param auditEventsPerNamespace how many audit events each namespace keeps (at least 1). It is
     *                                part of the replicated rules: every node must use the same value
     */
    public ConfigStateMachine(int auditEventsPerNamespace) {
        this.auditEventsPerNamespace = auditEventsPerNamespace;
        this.state = new ConfigState(auditEventsPerNamespace);
        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        this.readLock = lock.readLock();
        this.writeLock = lock.writeLock();
    }

    /**
     * Sets the one listener told about applied changes from now on (replacing any earlier one);
     * {@link ChangeListener#NONE} stops the reports.
     */
    public void listen(ChangeListener changeListener) {
        this.listener = Objects.requireNonNull(changeListener, "changeListener");
    }

    /** Decodes and applies the single-command entry at {@code position}. Apply thread only; never throws for bad bytes. */
    public ApplyResult apply(LogPosition position, byte[] entry) {
        return applyDecoded(position, List.of(CommandCodec.decode(entry))).getFirst();
    }

    /**
     * Decodes and applies the entry at {@code position}, a single command or a {@link CommandBatch}
     * whose commands apply in order, atomically for readers; one result per command (one {@link
     * ApplyResult.Skipped} for a damaged batch). Apply thread only; never throws for bad bytes.
     */
    public List<ApplyResult> applyEntry(LogPosition position, ByteBuffer entry) {
        return applyDecoded(position, CommandBatch.decode(entry));
    }

    private List<ApplyResult> applyDecoded(LogPosition position, List<DecodeResult> commands) {
        List<ApplyResult> results = new ArrayList<>(commands.size());
        ChangeListener changes = listener;
        List<AuditEvent> recorded = changes == ChangeListener.NONE ? null : new ArrayList<>(commands.size());
        writeLock.lock();
        try {
            moveTo(position);
            state.recordedEvents = recorded;
            for (DecodeResult decoded : commands) {
                results.add(applyOne(decoded, position.index()));
            }
        } finally {
            state.recordedEvents = null;
            writeLock.unlock();
        }
        if (recorded != null && !recorded.isEmpty()) {
            tell(() -> changes.applied(List.copyOf(recorded)));
        }
        for (int i = 0; i < commands.size(); i++) {
            if (results.get(i) instanceof ApplyResult.Skipped skipped) {
                LOG.warn("Skipped malformed log entry at index {}: {}", position.index(), skipped.reason());
            } else if (commands.get(i) instanceof DecodeResult.Decoded d && d.leadingZeroBytes() > 0) {
                LOG.debug("Skipped {} leading zero bytes before the entry at index {}", d.leadingZeroBytes(),
                        position.index());
            }
        }
        return results;
    }

    /** Runs a listener call; a listener that throws is a bug, logged, and must not stop apply. */
    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("the change listener failed; apply goes on", e);
        }
    }

    /**
     * Applies one command of the entry at {@code index}. Its revision is the entry's index or, when
     * an earlier command of a batch took that, the next one up: revisions stay unique, increasing
     * and never below the log index of their entry.
     */
    private ApplyResult applyOne(DecodeResult decoded, long index) {
        return switch (decoded) {
            case DecodeResult.Decoded d -> {
                long revision = Math.max(state.lastRevision + 1, index);
                ApplyResult result = CommandApplier.apply(state, d.command(), revision);
                if (result instanceof ApplyResult.Applied) {
                    state.lastRevision = revision;
                }
                yield result;
            }
            case DecodeResult.Malformed m -> {
                state.malformedEntries++;
                yield new ApplyResult.Skipped(m.reason());
            }
        };
    }

    private void moveTo(LogPosition position) {
        LogPosition last = state.lastApplied;
        if (position.index() <= last.index() || position.term() < last.term()) {
            throw new IllegalStateException("log position " + position + " does not follow " + last);
        }
        state.lastApplied = position;
    }

    /**
     * Freezes the current state for a snapshot written later, on any thread: copies only references
     * (the records are immutable), so the apply thread pauses for microseconds per record instead of
     * for the whole write. Call while apply is paused; queries may run meanwhile.
     */
    public SnapshotCapture captureSnapshot() {
        readLock.lock();
        try {
            return StateSnapshots.capture(state);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Replaces the state with the one in a snapshot stream (which the caller closes). Apply thread
     * only. On any {@link SnapshotException} (unsupported version, damage, invalid content) or I/O
     * failure the current state is left untouched.
     *
     * @return the restored state's last applied position
     */
    public LogPosition restore(InputStream in) throws IOException {
        ConfigState restored = StateSnapshots.read(in, auditEventsPerNamespace);
        writeLock.lock();
        try {
            state = restored;
        } finally {
            writeLock.unlock();
        }
        ChangeListener changes = listener;
        tell(changes::replaced);
        return restored.lastApplied;
    }

    /**
     * Drops the whole state, back to {@link LogPosition#INITIAL} (a node formatting empty storage, or
     * about to replay its log from the start). Apply thread only.
     */
    public void reset() {
        ConfigState empty = new ConfigState(auditEventsPerNamespace);
        writeLock.lock();
        try {
            appliedBeforeReset = Math.max(appliedBeforeReset, state.lastApplied.index());
            state = empty;
        } finally {
            writeLock.unlock();
        }
        ChangeListener changes = listener;
        tell(changes::replaced);
    }

    /**
     * The highest log index this machine had applied when it was last {@link #reset} (-1 if never):
     * until it has replayed that far again, its state is older than what it served before.
     */
    public long appliedBeforeReset() {
        return appliedBeforeReset;
    }

    /** The audit bound this machine was built with. */
    @Override
    public int auditEventsPerNamespace() {
        return auditEventsPerNamespace;
    }

    @Override
    public List<Namespace> namespaces() {
        readLock.lock();
        try {
            return List.copyOf(state.namespaces.values());
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public Optional<Namespace> namespace(String path) {
        readLock.lock();
        try {
            return Optional.ofNullable(state.namespaces.get(path));
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public List<ConfigEntry> configs(String namespace) {
        readLock.lock();
        try {
            Map<String, ConfigEntry> keys = state.entries.get(namespace);
            return keys == null ? List.of() : List.copyOf(keys.values());
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public Optional<ConfigEntry> config(String namespace, String key) {
        readLock.lock();
        try {
            return Optional.ofNullable(state.entry(namespace, key));
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public List<ConfigEntry> allConfigs() {
        readLock.lock();
        try {
            return state.allEntries().toList();
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public StateView view() {
        readLock.lock();
        try {
            return new StateView(state.lastApplied, state.lastRevision, List.copyOf(state.namespaces.values()),
                    state.allEntries().toList());
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public List<AuditEvent> audit(String namespace, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        readLock.lock();
        try {
            AuditLog log = state.audit.get(namespace);
            return log == null ? List.of() : log.newest(limit);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public ChangeHistory changesAfter(String namespace, long afterRevision) {
        readLock.lock();
        try {
            AuditLog log = state.audit.get(namespace);
            long earliest = log == null ? 0 : log.earliestAfterRevision();
            if (afterRevision < earliest) {
                return new ChangeHistory(false, List.of(), state.lastRevision, earliest);
            }
            return new ChangeHistory(true, log == null ? List.of() : log.after(afterRevision), state.lastRevision,
                    earliest);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public LogPosition lastApplied() {
        readLock.lock();
        try {
            return state.lastApplied;
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public long malformedEntryCount() {
        readLock.lock();
        try {
            return state.malformedEntries;
        } finally {
            readLock.unlock();
        }
    }

    /** Kept up to date on every apply and restore, so the lock is held for O(referenced blobs) only. */
    @Override
    public Set<String> referencedBlobHashes() {
        readLock.lock();
        try {
            return state.blobReferences.snapshot();
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Hashes a captured view of the state (references to its immutable records), so the lock is held
     * only while the references are copied, not while the whole state is encoded and digested.
     */
    @Override
    public String stateHash() {
        SnapshotCapture capture = captureSnapshot();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            capture.writeTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        } catch (IOException e) {
            throw new IllegalStateException("writing to a null stream cannot fail", e);
        }
    }
}
