package io.confman.codec.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One change recorded in a namespace's audit history.
 *
 * @param timestamp ISO-8601 UTC instant carried by the command that caused it
 * @param action    what happened
 * @param actor     who did it (the API key's name)
 * @param namespace the namespace concerned
 * @param key       the config key, or null for namespace events
 * @param oldValue  the previous value (or {@code "sha256:<hex>"} for blob values), or null
 * @param newValue  the new value (or {@code "sha256:<hex>"} for blob values), or null
 * @param version   the config version after the change (the removed version for deletes), or null
 *                  for namespace events
 * @param revision  the Raft log index of the command
 */
@JsonPropertyOrder({"timestamp", "action", "actor", "namespace", "key", "oldValue", "newValue", "version", "revision"})
public record AuditEvent(String timestamp, AuditAction action, String actor, String namespace, String key,
                         String oldValue, String newValue, Long version, long revision) {

    public AuditEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(namespace, "namespace");
    }
}
