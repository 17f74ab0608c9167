package io.confman.codec.command;

import java.util.Objects;

/**
 * Delete a namespace and, in the same command, all of its config entries.
 *
 * @param path      the namespace
 * @param actor     who asks
 * @param timestamp ISO-8601 UTC instant chosen by the proposing node
 */
public record DeleteNamespace(String path, String actor, String timestamp) implements Command {

    public DeleteNamespace {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String namespace() {
        return path;
    }
}
