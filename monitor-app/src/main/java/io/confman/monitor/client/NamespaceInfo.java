package io.confman.monitor.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A namespace as listed by {@code GET /api/v1/namespaces}.
 *
 * @param path        the namespace name
 * @param description free text, may be null
 * @param owner       the actor that owns it
 * @param createdAt   ISO-8601 creation instant
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NamespaceInfo(String path, String description, String owner, String createdAt) {
}
