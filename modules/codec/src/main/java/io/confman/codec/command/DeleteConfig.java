package io.confman.codec.command;

import java.util.Objects;

/**
 * Delete a config entry.
 *
 * @param namespace     the namespace
 * @param key           the key
 * @param actor         who asks
 * @param timestamp     ISO-8601 UTC instant chosen by the proposing node
 * @param preconditions conditions checked atomically in apply
 */
public record DeleteConfig(String namespace, String key, String actor, String timestamp,
                           Preconditions preconditions) implements ConfigCommand {

    public DeleteConfig {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(preconditions, "preconditions");
    }
}
