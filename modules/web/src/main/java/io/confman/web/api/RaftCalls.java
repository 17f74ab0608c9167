package io.confman.web.api;

import io.confman.codec.command.Command;
import io.confman.codec.model.ConfigEntry;
import io.confman.raft.ApplyResult;
import io.confman.raft.Change;
import io.confman.raft.ConfigQueries;
import io.confman.raft.node.RaftUnavailableException;
import io.confman.raft.store.ReplicatedConfigStore;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import io.confman.web.problem.Problems;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP layer's calls into the replicated store, made on the request's virtual thread: writes
 * and reads (linearizable unless {@code ?consistency=stale}), each bounded by the Raft request
 * timeout, with Raft failures turned into problems (503) and a committed rejection turned into its
 * 4xx. Used by the JSON API and the raw value endpoints. Thread-safe.
 */
public final class RaftCalls {
    /** Beyond Raft's own request timeout, how long a request waits before it gives up itself. */
    static final long AWAIT_MARGIN_MILLIS = 2_000;
    /** The query parameter naming the read consistency. */
    public static final String CONSISTENCY = "consistency";
    static final String STALE = "stale";
    static final String LINEARIZABLE = "linearizable";

    private final ReplicatedConfigStore store;
    private final Duration awaitLimit;

    public RaftCalls(ReplicatedConfigStore store) {
        this.store = store;
        this.awaitLimit = Duration.ofMillis(store.node().settings().requestTimeoutMillis() + AWAIT_MARGIN_MILLIS);
    }

    /** The state to read, at the consistency the request asked for (400 for an unknown one). */
    public ConfigQueries read(Optional<String> consistency) {
        String asked = consistency.orElse(LINEARIZABLE);
        return switch (asked) {
            case LINEARIZABLE -> await(store.linearizable(), false);
            case STALE -> store.stale();
            default -> throw new ApiException(ProblemType.INVALID_REQUEST,
                    "consistency must be 'linearizable' (the default) or 'stale'");
        };
    }

    /** Proposes {@code command} and returns what it changed once committed; 4xx when rejected. */
    public Change write(Command command) {
        return changed(await(store.submit(command), true));
    }

    /** What a committed result changed; a rejection becomes its 4xx. */
    static Change changed(ApplyResult result) {
        return switch (result) {
            case ApplyResult.Applied applied -> applied.change();
            case ApplyResult.Rejected rejected -> throw new ApiException(Problems.forRejection(rejected.reason()),
                    rejected.detail());
            case ApplyResult.Skipped skipped -> throw Problems.forSkipped(skipped.reason());
        };
    }

    /** The entry a config write stored; any other change is a bug. */
    public static ConfigEntry storedEntry(Change change) {
        if (!(change instanceof Change.ConfigStored stored)) {
            throw new IllegalStateException("a config write changed " + change);
        }
        return stored.entry();
    }

    /** Waits for {@code future}; Raft failures become 503 problems ({@code write} picks the title). */
    <T> T await(CompletableFuture<T> future, boolean write) {
        try {
            return future.get(awaitLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw Problems.forRaftFailure(new RaftUnavailableException.Timeout("no answer within " + awaitLimit, e), write);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.causedBy(ProblemType.NO_LEADER, "the node is shutting down", e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause(), write);
        }
    }

    private static RuntimeException unwrap(Throwable cause, boolean write) {
        while (cause instanceof CompletionException || cause instanceof ExecutionException) {
            if (cause.getCause() == null) {
                break;
            }
            cause = cause.getCause();
        }
        return switch (cause) {
            case RaftUnavailableException raft -> Problems.forRaftFailure(raft, write);
            case RuntimeException runtime -> runtime;
            default -> new IllegalStateException("Raft call failed", cause);
        };
    }
}
