package io.confman.monitor.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The blob behind a blob-backed config entry.
 *
 * @param sha256      lowercase hex SHA-256 of the value
 * @param size        the value's size in bytes
 * @param contentType the media type it was stored with
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BlobRef(String sha256, long size, String contentType) {
}
