package io.confman.codec.command;

import java.util.Objects;

/**
 * Create or replace a namespace ({@code PUT /api/v1/namespaces/{path}}).
 *
 * @param path        the namespace
 * @param description free text, or null
 * @param owner       the owner, or null to default to {@code actor}
 * @param actor       who asks
 * @param timestamp   ISO-8601 UTC instant chosen by the proposing node
 */
public record SetNamespace(String path, String description, String owner, String actor, String timestamp)
        implements Command {

    public SetNamespace {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String namespace() {
        return path;
    }
}
