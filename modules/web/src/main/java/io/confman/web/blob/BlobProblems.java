package io.confman.web.blob;

import io.confman.web.problem.Problems;
import io.helidon.webserver.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a {@link BlobHttpException} with its own problem (status, type and extra headers) and
 * logs it once. Every other error of a blob handler goes on to the routing-wide problem handler.
 */
final class BlobProblems {
    private static final Logger LOG = LoggerFactory.getLogger(BlobProblems.class);

    private BlobProblems() {
    }

    /** Wraps {@code handler} so that a {@link BlobHttpException} it throws is answered here. */
    static Handler guarded(Handler handler) {
        return (req, res) -> {
            try {
                handler.handle(req, res);
            } catch (BlobHttpException e) {
                String request = req.prologue().method().text() + " " + req.path().absolute().rawPath();
                if (e.problem().status().code() >= 500) {
                    LOG.warn("{} answered {}: {}", request, e.problem().status().code(), e.getMessage());
                } else {
                    LOG.debug("{} answered {}: {}", request, e.problem().status().code(), e.getMessage());
                }
                if (!res.isSent()) {
                    Problems.send(req, res, e.problem());
                }
            }
        };
    }
}
