package io.confman.web.problem;

import io.confman.blob.IdleTimeoutInputStream;
import io.confman.raft.RejectReason;
import io.confman.raft.node.RaftUnavailableException;
import io.confman.web.support.CorrelationFilter;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one place errors become statuses: from our {@link ApiException}s, from Raft's rejections and
 * failures, from Helidon's own exceptions and from anything unexpected; and the writer of
 * problem+json answers.
 */
public final class Problems {
    /** How long clients are told to wait before retrying a 503: about one election. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private Problems() {
    }

    /** The problem for a committed command that the business rules rejected. */
    public static ProblemType forRejection(RejectReason reason) {
        return switch (reason) {
            case NOT_FOUND -> ProblemType.NOT_FOUND;
            case PRECONDITION_FAILED -> ProblemType.PRECONDITION_FAILED;
            case INVALID -> ProblemType.INVALID_REQUEST;
        };
    }

    /**
     * The error for a write whose committed entry was skipped as undecodable by the state machine
     * that answered it (the leader's, for a write forwarded by a follower): nothing changed, and
     * the same bytes would be skipped again until every member reads them, so it is a retryable
     * 503, not a server bug.
     */
    public static ApiException forSkipped(String reason) {
        return new ApiException(ProblemType.COMMAND_NOT_APPLIED, "the write was committed but not applied: the "
                + "node that applied it could not decode it (" + reason + "); nothing changed. Members may be "
                + "running different versions; retry once they agree");
    }

    /**
     * The error for a Raft call that failed: no leader, or a write that was not committed (or a
     * read not confirmed) in time.
     */
    public static ApiException forRaftFailure(RaftUnavailableException failure, boolean write) {
        return switch (failure) {
            case RaftUnavailableException.NoLeader noLeader ->
                    ApiException.causedBy(ProblemType.NO_LEADER, "no Raft leader is known right now; retry shortly",
                            noLeader);
            case RaftUnavailableException.Timeout timeout -> write
                    ? ApiException.causedBy(ProblemType.REPLICATION_FAILED,
                            "the write was not committed within the request timeout; it may still be applied later",
                            timeout)
                    : ApiException.causedBy(ProblemType.READ_NOT_CONFIRMED,
                            "a linearizable read could not be confirmed within the request timeout; "
                                    + "retry, or ask for ?consistency=stale", timeout);
        };
    }

    /**
     * What to answer for {@code error}, thrown while serving {@code req}; a body the client
     * abandoned is told apart first, by {@link #clientFault}.
     */
    public static Problem describe(ServerRequest req, Throwable error) {
        return switch (error) {
            case ApiException api -> Problem.of(api);
            case RaftUnavailableException raft -> Problem.of(forRaftFailure(raft, !"GET".equals(req.prologue().method().text())));
            case HttpException http when http.status().code() == Status.NOT_FOUND_404.code() ->
                    Problem.of(ProblemType.NOT_FOUND, "no endpoint at " + req.prologue().method().text() + " "
                            + req.path().absolute().rawPath());
            case HttpException http -> forStatus(http.status(), http.getMessage());
            default -> Problem.of(ProblemType.INTERNAL_ERROR,
                    "unexpected error; the node log has the details under this correlation id");
        };
    }

    /**
     * The client's side of a failed body read, anywhere in the cause chain: it stopped sending for
     * longer than the idle timeout (408), or closed the connection before its Content-Length (400).
     * Either way nothing of the body was kept, and usually no answer can reach the client any more.
     */
    public static Optional<Problem> clientFault(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IdleTimeoutInputStream.IdleTimeoutException stalled) {
                return Optional.of(Problem.of(ProblemType.REQUEST_TIMEOUT, "the request body stalled: "
                        + stalled.getMessage() + " (http.idleTimeoutMillis); nothing was stored"));
            }
            if (cause instanceof DataReader.InsufficientDataAvailableException) {
                return Optional.of(Problem.of(ProblemType.INVALID_REQUEST,
                        "the connection closed before the whole request body arrived; nothing was stored"));
            }
        }
        return Optional.empty();
    }

    /** The problem for a bare status (from Helidon), with {@code message} as detail when it has one. */
    public static Problem forStatus(Status status, String message) {
        String detail = message == null || message.isBlank() ? status.reasonPhrase() : message;
        return Arrays.stream(ProblemType.values()).filter(t -> t.status().code() == status.code()).findFirst()
                .map(t -> Problem.of(t, detail))
                .orElseGet(() -> new Problem(status, ProblemType.TYPE_PREFIX + "http-" + status.code(),
                        status.reasonPhrase(), detail, List.of()));
    }

    /** Writes {@code problem} as the answer to {@code req}. */
    public static void send(ServerRequest req, ServerResponse res, Problem problem) {
        String correlationId = req.context().get(CorrelationFilter.CorrelationId.class)
                .map(CorrelationFilter.CorrelationId::value)
                .orElseGet(() -> CorrelationFilter.resolve(req.headers().first(CorrelationFilter.HEADER).orElse(null)));
        res.status(problem.status());
        problem.headers().forEach(res::header);
        if (problem.retryable()) {
            res.header(HeaderNames.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        }
        res.header(CorrelationFilter.HEADER, correlationId);
        res.header(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        byte[] body = problem.body(correlationId);
        if (Method.HEAD.equals(req.prologue().method())) {
            // A HEAD answer has the headers of the GET answer and never a body (RFC 9110), or the
            // client would read the body as the start of its next answer.
            res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
            res.send();
            return;
        }
        res.send(body);
    }
}
