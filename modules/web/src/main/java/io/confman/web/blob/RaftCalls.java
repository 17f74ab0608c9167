package io.confman.web.blob;

import io.confman.codec.command.Command;
import io.confman.codec.command.Preconditions;
import io.confman.codec.model.ConfigEntry;
import io.confman.raft.ApplyResult;
import io.confman.raft.Change;
import io.confman.raft.ConfigQueries;
import io.confman.raft.node.RaftUnavailableException;
import io.confman.web.NodeServices;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import io.confman.web.problem.Problems;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The raw value endpoints' Raft calls, bounded by the request timeout, with failures turned into
 * the shared problems: no leader or no commit in time → 503; a rejected command → 412/404/400.
 */
final class RaftCalls {
    /** Extra wait beyond the Raft request timeout for Raft to report its own failure. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final NodeServices services;
    private final Duration timeout;

    RaftCalls(NodeServices services) {
        this.services = services;
        this.timeout = Duration.ofMillis(services.node().settings().requestTimeoutMillis()).plus(GRACE);
    }

    /** Commits a config write and returns the stored entry. */
    ConfigEntry commit(Command command) {
        return switch (await(services.store().submit(command), true)) {
            case ApplyResult.Applied(Change.ConfigStored stored, long revision) -> stored.entry();
            case ApplyResult.Applied applied -> throw new IllegalStateException("a config write changed " + applied);
            case ApplyResult.Rejected rejected ->
                    throw new ApiException(Problems.forRejection(rejected.reason()), rejected.detail());
            case ApplyResult.Skipped skipped ->
                    throw new IllegalStateException("the node's own command was skipped: " + skipped.reason());
        };
    }

    /** The state to read: linearizable unless {@code ?consistency=stale}. */
    ConfigQueries read(Optional<String> consistency) {
        return switch (consistency.orElse("linearizable")) {
            case "linearizable" -> await(services.store().linearizable(), false);
            case "stale" -> services.store().stale();
            default -> throw new ApiException(ProblemType.INVALID_REQUEST,
                    "consistency must be 'linearizable' (the default) or 'stale'");
        };
    }

    private <T> T await(CompletableFuture<T> future, boolean write) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.causedBy(ProblemType.NO_LEADER, "the node is shutting down", e);
        } catch (TimeoutException e) {
            throw Problems.forRaftFailure(new RaftUnavailableException.Timeout("no answer within " + timeout, e), write);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            if (cause instanceof RaftUnavailableException raft) {
                throw Problems.forRaftFailure(raft, write);
            }
            throw new IllegalStateException("Raft call failed", cause);
        }
    }

    /** {@code If-Match: "<version>"} and {@code If-None-Match: *} as write preconditions. */
    static Preconditions preconditions(ServerRequest req) {
        Optional<String> ifMatch = req.headers().first(HeaderNames.IF_MATCH);
        boolean createOnly = req.headers().first(HeaderNames.IF_NONE_MATCH).map(v -> v.trim().equals("*")).orElse(false);
        if (ifMatch.isEmpty()) {
            return createOnly ? Preconditions.createOnlyIfAbsent() : Preconditions.NONE;
        }
        String tag = ifMatch.get().trim();
        if (tag.length() < 3 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
            throw new ApiException(ProblemType.INVALID_REQUEST, "If-Match must be a quoted version, e.g. \"3\"");
        }
        try {
            return new Preconditions(Long.parseLong(tag.substring(1, tag.length() - 1)), createOnly);
        } catch (NumberFormatException e) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "If-Match must be a quoted version, e.g. \"3\"");
        }
    }
}
