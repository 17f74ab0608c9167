package io.confman.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.confman.blob.BlobId;
import io.confman.blob.BlobInfo;
import io.confman.blob.BlobStore;
import io.confman.codec.model.AuditAction;
import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.BlobRef;
import io.confman.codec.model.ConfigEntry;
import io.confman.raft.ConfigQueries;
import io.confman.web.support.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code data} of a watch event: {@code {action, namespace, key, version, revision, blob?}},
 * never the value. {@code blob: {sha256, size}} is there when a created or updated value is
 * blob-backed (the history holds it as {@code sha256:<hex>}); its size comes from the current entry
 * when that still holds the blob, else from this node's blob store, and is left out in the rare
 * case neither has it (a blob this node has not fetched yet). Thread-safe.
 */
final class WatchEvents {
    private final ConfigQueries state;
    private final BlobStore blobs;

    /**
     * @param state the local state, read without a barrier (only to find blob sizes)
     * @param blobs this node's blob store
     */
    WatchEvents(ConfigQueries state, BlobStore blobs) {
        this.state = state;
        this.blobs = blobs;
    }

    /** The event as one line of JSON. */
    String json(AuditEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("action", event.action().wireName());
        data.put("namespace", event.namespace());
        data.put("key", event.key());
        data.put("version", event.version());
        data.put("revision", event.revision());
        blobHash(event).ifPresent(sha256 -> {
            Map<String, Object> blob = new LinkedHashMap<>();
            blob.put("sha256", sha256);
            size(event, sha256).ifPresent(size -> blob.put("size", size));
            data.put("blob", blob);
        });
        try {
            return Json.MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
    }

    private static Optional<String> blobHash(AuditEvent event) {
        boolean storesValue = event.action() == AuditAction.CONFIG_CREATED || event.action() == AuditAction.CONFIG_UPDATED;
        String value = event.newValue();
        if (!storesValue || value == null || !value.startsWith(BlobRef.REFERENCE_PREFIX)) {
            return Optional.empty();
        }
        String hex = value.substring(BlobRef.REFERENCE_PREFIX.length());
        return BlobRef.isSha256Hex(hex) ? Optional.of(hex) : Optional.empty();
    }

    private OptionalLong size(AuditEvent event, String sha256) {
        Optional<ConfigEntry> current = state.config(event.namespace(), event.key());
        if (current.isPresent() && current.get().blob() != null && current.get().blob().sha256().equals(sha256)) {
            return OptionalLong.of(current.get().blob().size());
        }
        try {
            return blobs.info(BlobId.of(sha256)).map(BlobInfo::sizeBytes).map(OptionalLong::of)
                    .orElse(OptionalLong.empty());
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }
}
