package io.confman.monitor.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A config entry ({@code ConfigEntry} in API.md). In listings the value is left out on purpose
 * ({@code value == null}): a blob-backed value can be hundreds of megabytes, so the browser reads
 * values one entry at a time and only previews blob-backed ones.
 *
 * @param namespace the namespace
 * @param key       the key
 * @param value     the full value, or null when it was not read
 * @param type      the declared type, e.g. {@code string}
 * @param version   the entry's version
 * @param revision  the cluster-wide revision of the last change (0 when not reported)
 * @param updatedAt ISO-8601 instant of the last change
 * @param updatedBy the actor of the last change
 * @param blob      the blob reference for blob-backed entries, else null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigEntry(String namespace, String key, String value, String type, long version,
                          long revision, String updatedAt, String updatedBy, BlobRef blob) {

    /** Whether the value lives in the blob store. */
    public boolean blobBacked() {
        return blob != null;
    }
}
