package io.confman.codec.command;

import java.util.Objects;

/**
 * Point a config entry at a blob that is already durable on a quorum of nodes.
 *
 * @param namespace     the namespace (it need not have been created)
 * @param key           the key
 * @param sha256        64 lowercase hex characters
 * @param size          the blob's length in bytes
 * @param contentType   the media type it was uploaded with
 * @param type          the declared value type, or null for {@link #DEFAULT_TYPE}; lets a JSON value
 *                      that went to the blob store for its size keep its type
 * @param actor         who asks
 * @param timestamp     ISO-8601 UTC instant chosen by the proposing node
 * @param preconditions conditions checked atomically in apply
 */
public record SetConfigBlobRef(String namespace, String key, String sha256, long size, String contentType,
                               String type, String actor, String timestamp, Preconditions preconditions)
        implements ConfigCommand {

    /** The type a blob-backed entry gets when the command names none. */
    public static final String DEFAULT_TYPE = "blob";

    public SetConfigBlobRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(preconditions, "preconditions");
    }

    /** The declared type, defaulted. */
    public String effectiveType() {
        return type != null ? type : DEFAULT_TYPE;
    }
}
