package io.confman.web.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** The node's one JSON mapper and the helpers that write JSON answers with it. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String APPLICATION_JSON = "application/json";

    private Json() {
    }

    /** Sends {@code body} as JSON with {@code status}. */
    public static void send(ServerResponse res, Status status, Object body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
        }
        res.status(status).header(HeaderNames.CONTENT_TYPE, APPLICATION_JSON).send(bytes);
    }
}
