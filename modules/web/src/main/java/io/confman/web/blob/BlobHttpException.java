package io.confman.web.blob;

import io.confman.web.problem.ApiException;
import io.confman.web.problem.Problem;
import io.confman.web.problem.ProblemType;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import java.util.List;

/**
 * The blob paths' status mapping. Errors the shared {@link ProblemType} table names are {@link
 * ApiException}s; the few it does not (416 with {@code Content-Range}, 507) are this exception, which carries its own {@link Problem}. Being an {@link HttpException},
 * it still becomes a problem answer with the right status if it escapes to the routing-wide error
 * handler (e.g. from the JSON API's large-value writer).
 */
final class BlobHttpException extends HttpException {
    private final transient Problem problem;

    private BlobHttpException(Problem problem, Throwable cause) {
        super(problem.detail(), problem.status(), cause, true);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }

    static ApiException badRequest(String detail) {
        return new ApiException(ProblemType.INVALID_REQUEST, detail);
    }

    static ApiException notFound(String detail) {
        return new ApiException(ProblemType.NOT_FOUND, detail);
    }

    static ApiException tooLarge(String detail) {
        return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, detail);
    }

    static ApiException replicationFailed(String detail, Throwable cause) {
        return ApiException.causedBy(ProblemType.REPLICATION_FAILED, detail, cause);
    }

    static BlobHttpException rangeNotSatisfiable(long sizeBytes) {
        List<Header> headers = List.of(HeaderValues.create(HeaderNames.CONTENT_RANGE, "bytes */" + sizeBytes));
        return new BlobHttpException(new Problem(Status.REQUESTED_RANGE_NOT_SATISFIABLE_416,
                ProblemType.TYPE_PREFIX + "range-not-satisfiable", "Range not satisfiable",
                "the requested range is outside the value of " + sizeBytes + " bytes", headers), null);
    }

    static BlobHttpException diskFull(String detail, Throwable cause) {
        return new BlobHttpException(new Problem(Status.INSUFFICIENT_STORAGE_507,
                ProblemType.TYPE_PREFIX + "insufficient-storage", "Insufficient storage", detail, List.of()), cause);
    }

    static ApiException blobUnavailable(String detail, Throwable cause) {
        return ApiException.causedBy(ProblemType.BLOB_UNAVAILABLE, detail, cause);
    }
}
