package io.confman.codec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param oldBlob   the SHA-256 of the previous value when it was a blob (then {@code oldValue} is
 *                  its {@code "sha256:<hex>"} form), or null: the only thing that says an audit
 *                  value is a blob reference, since an inline value may read {@code "sha256:<hex>"} too
 * @param newBlob   the same for the new value
 */
@JsonPropertyOrder({"timestamp", "action", "actor", "namespace", "key", "oldValue", "newValue", "version", "revision",
        "oldBlob", "newBlob"})
public record AuditEvent(String timestamp, AuditAction action, String actor, String namespace, String key,
                         String oldValue, String newValue, Long version, long revision,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String oldBlob,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String newBlob) {

    public AuditEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(namespace, "namespace");
        requireReference(oldBlob, oldValue, "oldValue");
        requireReference(newBlob, newValue, "newValue");
    }

    /** An event whose values are all inline (or absent). */
    public AuditEvent(String timestamp, AuditAction action, String actor, String namespace, String key,
                      String oldValue, String newValue, Long version, long revision) {
        this(timestamp, action, actor, namespace, key, oldValue, newValue, version, revision, null, null);
    }

    private static void requireReference(String blob, String value, String field) {
        if (blob != null && !(BlobRef.isSha256Hex(blob) && value != null && value.equals(BlobRef.REFERENCE_PREFIX + blob))) {
            throw new IllegalArgumentException(field + " must be the reference \"sha256:" + blob + "\" of its blob");
        }
    }
}
