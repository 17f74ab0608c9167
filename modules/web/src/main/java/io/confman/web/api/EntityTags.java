package io.confman.web.api;

import io.confman.codec.command.Preconditions;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Arrays;
import java.util.Optional;

/**
 * Versions as HTTP entity tags: {@code ETag: "<version>"}, {@code If-Match: "<version>"} and
 * {@code If-None-Match: *} on writes (checked atomically by the state machine), and {@code
 * If-None-Match} on reads (304). The raw value endpoints use the same write preconditions and
 * read comparison, with their own content-hash tags.
 */
public final class EntityTags {
    private static final String ANY = "*";
    private static final String WEAK_PREFIX = "W/";

    private EntityTags() {
    }

    /** The entity tag of {@code version}. */
    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Whether a read's {@code If-None-Match} matches {@code version} (weak comparison, as RFC 9110
     * asks), so the answer is 304.
     */
    static boolean noneMatchHits(Optional<String> ifNoneMatch, long version) {
        return noneMatchHits(ifNoneMatch, of(version));
    }

    /**
     * Whether a read's {@code If-None-Match} lists {@code etag} (weak comparison) or is {@code *},
     * so the answer is 304.
     */
    public static boolean noneMatchHits(Optional<String> ifNoneMatch, String etag) {
        if (ifNoneMatch.isEmpty()) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.get().split(",")).map(String::trim)
                .map(tag -> tag.startsWith(WEAK_PREFIX) ? tag.substring(WEAK_PREFIX.length()) : tag)
                .anyMatch(tag -> tag.equals(ANY) || tag.equals(etag));
    }

    /** The write preconditions in the request's {@code If-Match} and {@code If-None-Match}; 400 when malformed. */
    public static Preconditions preconditions(ServerRequest req) {
        return preconditions(req.headers().first(HeaderNames.IF_MATCH), req.headers().first(HeaderNames.IF_NONE_MATCH));
    }

    /** The write preconditions in {@code If-Match} and {@code If-None-Match}; 400 when malformed. */
    static Preconditions preconditions(Optional<String> ifMatch, Optional<String> ifNoneMatch) {
        if (ifMatch.isPresent() && ifNoneMatch.isPresent()) {
            throw invalid("If-Match and If-None-Match cannot be combined");
        }
        if (ifNoneMatch.isPresent()) {
            if (!ifNoneMatch.get().trim().equals(ANY)) {
                throw invalid("If-None-Match on a write must be *, meaning create only");
            }
            return Preconditions.createOnlyIfAbsent();
        }
        return ifMatch.map(tag -> Preconditions.ifMatch(version(tag.trim()))).orElse(Preconditions.NONE);
    }

    private static long version(String tag) {
        if (tag.length() >= 3 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                long version = Long.parseLong(tag.substring(1, tag.length() - 1));
                if (version >= 1) {
                    return version;
                }
            } catch (NumberFormatException e) {
                // falls through to the answer below
            }
        }
        throw invalid("If-Match must be one quoted version, like \"3\"");
    }

    private static ApiException invalid(String detail) {
        return new ApiException(ProblemType.INVALID_REQUEST, detail);
    }
}
