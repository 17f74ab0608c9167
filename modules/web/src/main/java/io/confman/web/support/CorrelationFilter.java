package io.confman.web.support;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every response an {@code X-Correlation-Id}: the request's own when it sent a sane one,
 * else 32 fresh lower-case hex characters. The id is stored in the request context for problem
 * bodies and logs.
 */
public final class CorrelationFilter implements Filter {
    public static final HeaderName HEADER = HeaderNames.create("X-Correlation-Id");
    /** Echoed ids are bounded and printable so they can be logged safely. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String id = resolve(req.headers().first(HEADER).orElse(null));
        req.context().register(CorrelationId.class, new CorrelationId(id));
        res.header(HEADER, id);
        chain.proceed();
    }

    /**
     * The correlation id for a request that presented {@code presented} (null when it sent none):
     * the presented id when it is sane, else a new one. Also used by handlers that answer before
     * this filter runs.
     */
    public static String resolve(String presented) {
        return presented != null && ACCEPTED.matcher(presented).matches() ? presented : newId();
    }

    static String newId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The correlation id of the request being served. */
    public record CorrelationId(String value) {
    }
}
