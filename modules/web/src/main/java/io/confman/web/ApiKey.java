package io.confman.web;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One configured client API key.
 *
 * @param name       who the key belongs to; recorded as the actor of every change made with it
 * @param secret     the key itself, or {@code sha256:<hex>} of it so configuration need not hold
 *                   the plain key
 * @param roles      lower-case role names: admin, publisher, editor, viewer
 * @param namespaces namespaces the key may touch; {@code *} for all, and an entry {@code prod}
 *                   also grants {@code prod/...}; null (not configured) means all, and an empty
 *                   list is refused rather than read as either all or none
 */
public record ApiKey(String name, String secret, List<String> roles, List<String> namespaces) {

    public ApiKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(secret, "secret");
        roles = roles.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
        namespaces = namespaces == null ? List.of("*") : List.copyOf(namespaces);
        if (namespaces.isEmpty()) {
            // An empty list reads as "nothing", so granting everything would surprise; refuse it.
            throw new IllegalArgumentException("API key '" + name + "' lists no namespaces: list the namespaces it"
                    + " may touch, \"*\" for all, or leave namespaces out (all)");
        }
    }
}
