package io.confman.web.blob;

import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import java.util.List;

/**
 * The blob paths' errors, named: each is an {@link ApiException} of a {@link ProblemType}, so the
 * routing-wide problem handler answers and logs it like every other error.
 */
final class BlobErrors {
    private BlobErrors() {
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

    static ApiException rangeNotSatisfiable(long sizeBytes) {
        return ApiException.withHeaders(ProblemType.RANGE_NOT_SATISFIABLE,
                "the requested range is outside the value of " + sizeBytes + " bytes",
                List.of(HeaderValues.create(HeaderNames.CONTENT_RANGE, "bytes */" + sizeBytes)));
    }

    static ApiException diskFull(String detail, Throwable cause) {
        return ApiException.causedBy(ProblemType.INSUFFICIENT_STORAGE, detail, cause);
    }

    static ApiException blobUnavailable(String detail, Throwable cause) {
        return ApiException.causedBy(ProblemType.BLOB_UNAVAILABLE, detail, cause);
    }
}
