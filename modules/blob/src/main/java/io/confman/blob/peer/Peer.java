package io.confman.blob.peer;

import java.net.URI;
import java.util.Objects;

/**
 * Another node as the blob client sees it: its member id and its HTTP base URL, which must be
 * absolute http(s) and end with a slash ({@code http://127.0.0.1:6200/}).
 */
public record Peer(String id, URI baseUrl) {

    public Peer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || !baseUrl.getPath().endsWith("/")) {
            throw new IllegalArgumentException("peer base URL must be http(s) and end with '/': " + baseUrl);
        }
    }

    /** Parses the base URL from text. */
    public static Peer of(String id, String baseUrl) {
        return new Peer(id, URI.create(baseUrl));
    }
}
