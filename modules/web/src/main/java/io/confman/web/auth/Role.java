package io.confman.web.auth;

import java.util.Locale;
import java.util.Optional;

/** The client roles, weakest first: each role includes every role before it. */
public enum Role {
    VIEWER,
    EDITOR,
    PUBLISHER,
    ADMIN;

    /** Whether holding this role grants everything {@code other} grants. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** The configuration spelling: lower case. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code name} (case-insensitive), or empty for an unknown name. */
    public static Optional<Role> parse(String name) {
        for (Role role : values()) {
            if (role.configName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
