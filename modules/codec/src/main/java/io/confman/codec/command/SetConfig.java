package io.confman.codec.command;

import java.util.Objects;

/**
 * Create or update a config entry with an inline value.
 *
 * @param namespace     the namespace (it need not have been created)
 * @param key           the key
 * @param value         the full value
 * @param type          the declared type; the HTTP layer defaults it to {@code string}
 * @param actor         who asks
 * @param timestamp     ISO-8601 UTC instant chosen by the proposing node
 * @param preconditions conditions checked atomically in apply
 */
public record SetConfig(String namespace, String key, String value, String type, String actor, String timestamp,
                        Preconditions preconditions) implements ConfigCommand {

    public SetConfig {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(preconditions, "preconditions");
    }
}
