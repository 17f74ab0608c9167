package io.confman.web.api;

import io.confman.web.auth.ApiKeyAuthenticator;
import io.confman.web.auth.Permission;
import io.confman.web.auth.Principal;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Turns the {@code X-Api-Key} header into a {@link Principal} and enforces roles and namespace
 * scope: missing or unknown key → 401, known key with the wrong role or namespace → 403. Used by
 * the JSON API and by the raw value endpoints, so both answer in the same order.
 *
 * <p>Immutable and thread-safe.
 */
public final class AccessGuard {
    /** Header names are case-insensitive; Helidon compares them so. */
    static final HeaderName API_KEY = HeaderNames.create("X-Api-Key");

    private final ApiKeyAuthenticator authenticator;

    public AccessGuard(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The caller, if its key allows {@code permission}. */
    public Principal require(ServerRequest req, Permission permission) {
        String presented = req.headers().first(API_KEY).orElse(null);
        if (presented == null || presented.isEmpty()) {
            throw new ApiException(ProblemType.UNAUTHENTICATED, "missing X-Api-Key header");
        }
        Principal principal = authenticator.authenticate(presented)
                .orElseThrow(() -> new ApiException(ProblemType.UNAUTHENTICATED, "unknown API key"));
        if (!principal.may(permission)) {
            throw new ApiException(ProblemType.FORBIDDEN, "API key '" + principal.name() + "' (role "
                    + principal.role().map(r -> r.configName()).orElse("none") + ") may not do this; it needs role "
                    + permission.minimumRole().configName() + " or stronger");
        }
        return principal;
    }

    /**
     * The caller and the namespace of the request's path, checked in this order: the key (401), its
     * role for {@code permission} (403), the namespace name (400), the key's namespace scope (403).
     */
    public Target requireNamespace(ServerRequest req, Permission permission) {
        Principal caller = require(req, permission);
        String namespace = Requests.namespace(req);
        if (!caller.mayAccess(namespace)) {
            throw new ApiException(ProblemType.FORBIDDEN, "API key '" + caller.name()
                    + "' is not allowed namespace '" + namespace + "'");
        }
        return new Target(caller, namespace);
    }

    /**
     * The caller and the namespace a request targets, both checked.
     *
     * @param caller    the authenticated key
     * @param namespace the validated namespace it may touch
     */
    public record Target(Principal caller, String namespace) {
    }
}
