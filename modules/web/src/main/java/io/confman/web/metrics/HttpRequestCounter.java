package io.confman.web.metrics;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * Counts answered requests by method, route pattern (not the raw path, so the label set stays
 * bounded by the routes) and status code: one map lookup and one {@link LongAdder} increment per
 * request. A request no route matched counts under {@value #UNMATCHED}; a method outside HTTP's
 * usual ones under {@value #OTHER_METHOD}. Thread-safe.
 */
public final class HttpRequestCounter implements Filter {
    static final String UNMATCHED = "unmatched";
    static final String OTHER_METHOD = "OTHER";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE", "PATCH", "OPTIONS");

    /**
     * One label set.
     *
     * @param method the request method
     * @param route  the route pattern that matched
     * @param code   the answer's status code
     */
    record Key(String method, String route, int code) {
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        try {
            chain.proceed();
        } finally {
            String method = req.prologue().method().text();
            Key key = new Key(METHODS.contains(method) ? method : OTHER_METHOD,
                    req.matchingPattern().map(HttpRequestCounter::route).orElse(UNMATCHED), res.status().code());
            counts.computeIfAbsent(key, ignored -> new LongAdder()).increment();
        }
    }

    /** A service's root route matches as {@code /health/}; it is named as declared, {@code /health}. */
    static String route(String pattern) {
        return pattern.length() > 1 && pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
    }

    /** Each label set counted so far with its count. */
    void forEach(BiConsumer<Key, Long> action) {
        counts.forEach((key, count) -> action.accept(key, count.sum()));
    }
}
