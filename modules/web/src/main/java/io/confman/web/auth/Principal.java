package io.confman.web.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * An authenticated client: the key's name (the actor recorded in versions and audit), its
 * strongest role, and its namespace scope.
 *
 * @param name  the key's name
 * @param role  the strongest configured role, or empty when the key names no known role
 * @param scope the namespaces it may touch
 */
public record Principal(String name, Optional<Role> role, NamespaceScope scope) {

    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(scope, "scope");
    }

    /** Whether the key's role allows {@code permission}. */
    public boolean may(Permission permission) {
        return role.map(r -> r.includes(permission.minimumRole())).orElse(false);
    }

    /** Whether the key may touch {@code namespace}. */
    public boolean mayAccess(String namespace) {
        return scope.allows(namespace);
    }
}
