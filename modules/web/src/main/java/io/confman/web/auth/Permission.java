package io.confman.web.auth;

/** What a request wants to do, and the weakest role allowed to do it (API.md, Authentication). */
public enum Permission {
    /** GET of namespaces, configs and audit. */
    READ(Role.VIEWER),
    /** PUT and DELETE of config entries. */
    WRITE_CONFIG(Role.EDITOR),
    /** PUT and DELETE of namespaces. */
    MANAGE_NAMESPACES(Role.ADMIN),
    /** Adding and removing cluster members (an admin key scoped to every namespace). */
    MANAGE_CLUSTER(Role.ADMIN);

    private final Role minimumRole;

    Permission(Role minimumRole) {
        this.minimumRole = minimumRole;
    }

    public Role minimumRole() {
        return minimumRole;
    }
}
