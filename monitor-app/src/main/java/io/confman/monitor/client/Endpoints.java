package io.confman.monitor.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Builds request URIs from a node's base URL, percent-encoding user-supplied path segments. */
final class Endpoints {

    private static final String UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private Endpoints() {
    }

    /** Resolves a relative path against a base URL, adding the base's missing trailing slash. */
    static URI resolve(URI base, String relativePath) {
        String text = base.toString();
        URI withSlash = text.endsWith("/") ? base : URI.create(text + "/");
        return withSlash.resolve(relativePath);
    }

    /**
     * Percent-encodes one name for use in a path. A {@code /} inside a namespace name (nested
     * namespaces such as {@code prod/web}) is kept as a separator.
     */
    static String segment(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c == '/' || (b >= 0 && UNRESERVED.indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
