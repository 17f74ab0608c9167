package io.confman.web.auth;

import java.util.List;

/**
 * The namespaces a key may touch. {@code *} grants all; an entry {@code prod} grants {@code prod}
 * itself and every namespace below it ({@code prod/...}), but not {@code production}.
 *
 * @param entries the configured entries
 */
public record NamespaceScope(List<String> entries) {
    public static final String ALL = "*";
    private static final char SEPARATOR = '/';

    public NamespaceScope {
        entries = List.copyOf(entries);
    }

    /** Whether {@code namespace} is inside this scope. */
    public boolean allows(String namespace) {
        for (String entry : entries) {
            if (entry.equals(ALL) || entry.equals(namespace)
                    || (namespace.length() > entry.length() && namespace.startsWith(entry)
                    && namespace.charAt(entry.length()) == SEPARATOR)) {
                return true;
            }
        }
        return false;
    }
}
