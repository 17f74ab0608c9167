package io.confman.web.problem;

import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.http.HeaderNames;
import java.util.List;
import java.util.Objects;

/**
 * The root of every expected error a handler raises: a {@link ProblemType} and a detail sentence
 * for the client. Thrown out of the handler and written, once, by {@link ProblemErrorHandler}.
 */
public final class ApiException extends RuntimeException {
    private final ProblemType type;
    private final transient List<Header> headers;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of(), null);
    }

    private ApiException(ProblemType type, String detail, List<Header> headers, Throwable cause) {
        super(Objects.requireNonNull(detail, "detail"), cause, false, false);
        this.type = Objects.requireNonNull(type, "type");
        this.headers = List.copyOf(headers);
    }

    /** A 405 naming the methods the path does allow, in {@code Allow} and in the detail. */
    public static ApiException methodNotAllowed(String method, String allowed) {
        return new ApiException(ProblemType.METHOD_NOT_ALLOWED, method + " is not allowed here; allowed: " + allowed,
                List.of(HeaderValues.create(HeaderNames.ALLOW, allowed)), null);
    }

    /** An error whose answer carries extra headers (e.g. {@code Content-Range} on a 416). */
    public static ApiException withHeaders(ProblemType type, String detail, List<Header> headers) {
        return new ApiException(type, detail, headers, null);
    }

    /** An error caused by {@code cause} (kept for the log, never shown to the client). */
    public static ApiException causedBy(ProblemType type, String detail, Throwable cause) {
        return new ApiException(type, detail, List.of(), cause);
    }

    public ProblemType type() {
        return type;
    }

    /** The sentence for the problem's {@code detail}. */
    public String detail() {
        return getMessage();
    }

    /** Extra headers the answer carries (e.g. {@code Allow}). */
    public List<Header> headers() {
        return headers;
    }
}
