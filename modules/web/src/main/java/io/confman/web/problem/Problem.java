package io.confman.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.confman.web.support.Json;
import io.helidon.http.Header;
import io.helidon.http.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One problem answer, before the correlation id is known: status, RFC 9457 {@code type} and
 * {@code title}, a {@code detail} sentence, and any extra headers.
 *
 * @param status  the HTTP status
 * @param type    the problem type URI
 * @param title   a short summary that depends only on the type
 * @param detail  what went wrong with this request
 * @param headers extra response headers
 */
public record Problem(Status status, String type, String title, String detail, List<Header> headers) {
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Details are for people and logs; anything echoed from a request is cut to this length. */
    public static final int MAX_DETAIL_CHARS = 300;

    public Problem {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        detail = truncate(Objects.requireNonNull(detail, "detail"));
        headers = List.copyOf(headers);
    }

    public static Problem of(ProblemType kind, String detail) {
        return new Problem(kind.status(), kind.typeUri(), kind.title(), detail, List.of());
    }

    public static Problem of(ApiException e) {
        return new Problem(e.type().status(), e.type().typeUri(), e.type().title(), e.detail(), e.headers());
    }

    /** Whether the client should retry later (every 503). */
    public boolean retryable() {
        return status.code() == Status.SERVICE_UNAVAILABLE_503.code();
    }

    /** The JSON body: {@code type, title, status, detail, correlationId}. */
    public byte[] body(String correlationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status.code());
        body.put("detail", detail);
        body.put("correlationId", correlationId);
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS) + "...";
    }
}
