package io.confman.monitor.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One audit event of a namespace ({@code GET .../audit}). For blob-backed values the old and new
 * values hold {@code sha256:<hex>} references.
 *
 * @param timestamp ISO-8601 instant
 * @param action    e.g. {@code config.updated}
 * @param actor     the API key's name
 * @param namespace the namespace
 * @param key       the key, null for namespace actions
 * @param oldValue  the value before, may be null
 * @param newValue  the value after, may be null
 * @param version   the entry's version after the change
 * @param revision  the cluster-wide revision of the change
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditEvent(String timestamp, String action, String actor, String namespace, String key,
                         String oldValue, String newValue, long version, long revision) {
}
