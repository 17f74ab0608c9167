package io.confman.web.problem;

import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing's error handler for every {@link Throwable}: answers problem+json and logs the error
 * once, here: unexpected errors with their stack trace, 503s as a warning line, a body the client
 * abandoned (stalled or cut off) as one info line, other client errors at debug level only.
 */
public final class ProblemErrorHandler implements ErrorHandler<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorHandler.class);

    @Override
    public void handle(ServerRequest req, ServerResponse res, Throwable error) {
        String request = req.prologue().method().text() + " " + req.path().absolute().rawPath();
        Optional<Problem> abandoned = Problems.clientFault(error);
        if (abandoned.isPresent()) {
            LOG.info("{} abandoned by the client: {}", request, abandoned.get().detail());
            sendIfStillConnected(req, res, abandoned.get());
            return;
        }
        Problem problem = Problems.describe(req, error);
        int status = problem.status().code();
        if (status >= 500 && !problem.retryable()) {
            LOG.error("{} failed: {}", request, problem.detail(), error);
        } else if (problem.retryable()) {
            LOG.warn("{} answered {}: {} ({})", request, status, problem.title(), rootMessage(error));
        } else {
            LOG.debug("{} answered {}: {}", request, status, problem.detail());
        }
        Problems.send(req, res, problem);
    }

    /** The answer to a client that stalled or left; its connection is usually closed already. */
    private static void sendIfStillConnected(ServerRequest req, ServerResponse res, Problem problem) {
        try {
            Problems.send(req, res, problem);
        } catch (RuntimeException gone) {
            LOG.debug("no answer could be sent: {}", gone.toString());
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
