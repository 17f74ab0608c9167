package io.confman.web.problem;

import io.confman.web.support.CorrelationFilter;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Answers the errors Helidon raises before or outside routing (a body over the payload limit, a
 * malformed request line or header, too many concurrent requests) with problem+json too.
 */
public final class ProblemDirectHandler implements DirectHandler {
    private final long maxPayloadBytes;

    private ProblemDirectHandler(long maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** Direct handlers for every event type; {@code maxPayloadBytes} is named in 413 details. */
    public static DirectHandlers forAllEvents(long maxPayloadBytes) {
        ProblemDirectHandler handler = new ProblemDirectHandler(maxPayloadBytes);
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        Problem problem = status.code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()
                ? Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "request body exceeds the limit of " + maxPayloadBytes
                        + " bytes (http.maxPayloadBytes)")
                : Problems.forStatus(status, message);
        String correlationId = CorrelationFilter.resolve(request.headers().first(CorrelationFilter.HEADER).orElse(null));
        headers.set(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.set(CorrelationFilter.HEADER, correlationId);
        if (problem.retryable()) {
            headers.set(HeaderNames.RETRY_AFTER, Integer.toString(Problems.RETRY_AFTER_SECONDS));
        }
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(problem.body(correlationId))
                .keepAlive(eventType.keepAlive())
                .build();
    }
}
