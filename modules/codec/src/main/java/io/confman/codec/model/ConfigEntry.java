package io.confman.codec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One config entry as stored in the replicated state.
 *
 * <p>An entry is either inline ({@code value} set, {@code blob} null) or blob-backed ({@code value}
 * null, {@code blob} set); the web layer resolves a blob-backed value by streaming it from the blob
 * store.
 *
 * @param namespace the namespace it lives in
 * @param key       the key inside the namespace
 * @param value     the inline value, or null when blob-backed
 * @param type      the value's declared type, e.g. {@code string} or {@code json}
 * @param version   1 when the key was (re)created, +1 on each update
 * @param updatedAt ISO-8601 UTC instant of the last change, chosen by the proposing node
 * @param updatedBy the actor of the last change
 * @param revision  the Raft log index of the entry that last changed this config
 * @param blob      the blob pointer, or null for inline values
 */
@JsonPropertyOrder({"namespace", "key", "value", "type", "version", "updatedAt", "updatedBy", "revision", "blob"})
public record ConfigEntry(String namespace, String key, String value, String type, long version,
                          String updatedAt, String updatedBy, long revision,
                          @JsonInclude(JsonInclude.Include.NON_NULL) BlobRef blob) {

    public ConfigEntry {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
        if ((value == null) == (blob == null)) {
            throw new IllegalArgumentException("exactly one of value and blob must be set for " + namespace + "/" + key);
        }
    }

    /** Whether the value lives in the blob store. */
    public boolean blobBacked() {
        return blob != null;
    }

    /** The blob's SHA-256, or null for an inline value: what audit events mark a blob value with. */
    public String blobSha256() {
        return blob != null ? blob.sha256() : null;
    }

    /** What audit events record for this value: the inline value or {@code "sha256:<hex>"}. */
    public String auditValue() {
        return blob != null ? blob.reference() : value;
    }
}
