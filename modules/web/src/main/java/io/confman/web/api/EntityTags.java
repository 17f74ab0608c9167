package io.confman.web.api;

import io.confman.codec.command.Preconditions;
import io.confman.codec.model.ConfigEntry;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Arrays;
import java.util.Optional;

/**
 * Revisions as HTTP entity tags: {@code ETag: "r<revision>"} (the revision that wrote the value,
 * which no later value of any key ever has, so a tag never comes back after a delete and
 * re-create), {@code If-Match: "r<revision>"} or the legacy {@code If-Match: "<version>"} and
 * {@code If-None-Match: *} on writes (all checked atomically by the state machine), and {@code
 * If-None-Match} on reads (304). The raw value endpoints use the same write preconditions and
 * read comparison, with their own content-hash tags.
 */
public final class EntityTags {
    private static final String ANY = "*";
    private static final String WEAK_PREFIX = "W/";
    private static final String REVISION_PREFIX = "r";

    private EntityTags() {
    }

    /** The entity tag of the value an entry holds: {@code "r<revision>"}. */
    static String of(ConfigEntry entry) {
        return "\"" + REVISION_PREFIX + entry.revision() + "\"";
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
        return ifMatch.map(tag -> ifMatch(tag.trim())).orElse(Preconditions.NONE);
    }

    /** {@code "r<revision>"} (an ETag this API answered) or the legacy {@code "<version>"}. */
    private static Preconditions ifMatch(String tag) {
        if (tag.length() >= 3 && tag.startsWith("\"") && tag.endsWith("\"")) {
            String inner = tag.substring(1, tag.length() - 1);
            boolean revision = inner.startsWith(REVISION_PREFIX);
            long number = positive(revision ? inner.substring(REVISION_PREFIX.length()) : inner);
            if (number >= 1) {
                return revision ? Preconditions.ifMatchRevision(number) : Preconditions.ifMatch(number);
            }
        }
        throw invalid("If-Match must be one entity tag as answered in ETag, like \"r42\", "
                + "or one quoted version, like \"3\"");
    }

    /** {@code digits} as a number, or 0 when it is not a plain decimal number. */
    private static long positive(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static ApiException invalid(String detail) {
        return new ApiException(ProblemType.INVALID_REQUEST, detail);
    }
}
