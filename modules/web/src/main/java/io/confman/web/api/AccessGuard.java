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
 * scope: missing or unknown key → 401, known key with the wrong role or namespace → 403.
 */
final class AccessGuard {
    /** Header names are case-insensitive; Helidon compares them so. */
    static final HeaderName API_KEY = HeaderNames.create("X-Api-Key");

    private final ApiKeyAuthenticator authenticator;

    AccessGuard(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The caller, if its key allows {@code permission}. */
    Principal require(ServerRequest req, Permission permission) {
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

    /** Checks that {@code principal} may touch {@code namespace}. */
    void requireNamespace(Principal principal, String namespace) {
        if (!principal.mayAccess(namespace)) {
            throw new ApiException(ProblemType.FORBIDDEN, "API key '" + principal.name()
                    + "' is not allowed namespace '" + namespace + "'");
        }
    }
}
