package io.confman.web.api;

import io.confman.web.problem.ApiException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * Small accessors shared by the API services and the raw value endpoints: the validated path
 * names (400 naming the rule) and query parameters.
 */
public final class Requests {
    public static final String NAMESPACE = "namespace";
    public static final String KEY = "key";

    private Requests() {
    }

    /** The validated namespace of the path. */
    public static String namespace(ServerRequest req) {
        return NameRules.namespace(req.path().pathParameters().get(NAMESPACE));
    }

    /** The validated key of the path. */
    public static String key(ServerRequest req) {
        return NameRules.key(req.path().pathParameters().get(KEY));
    }

    /** A query parameter's first value. */
    public static Optional<String> query(ServerRequest req, String name) {
        return req.query().first(name).asOptional();
    }

    /** A handler answering 405 with {@code Allow: allowed}. */
    static Handler methodNotAllowed(String allowed) {
        return (req, res) -> {
            throw ApiException.methodNotAllowed(req.prologue().method().text(), allowed);
        };
    }
}
