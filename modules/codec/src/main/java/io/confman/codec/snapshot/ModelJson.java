package io.confman.codec.snapshot;

import static io.confman.codec.internal.StrictJson.onlyFields;
import static io.confman.codec.internal.StrictJson.optionalLong;
import static io.confman.codec.internal.StrictJson.optionalText;
import static io.confman.codec.internal.StrictJson.requireLong;
import static io.confman.codec.internal.StrictJson.requireText;

import com.fasterxml.jackson.databind.JsonNode;
import io.confman.codec.internal.ShapeException;
import io.confman.codec.model.AuditAction;
import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.BlobRef;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.util.Set;

/**
 * The domain records in the JSON of snapshot format versions 1 and 2, which this node still reads
 * (it writes version 3), strictly: unknown fields and wrong types are refused. Hand-written rather
 * than reflective so the format cannot drift with a record change unnoticed.
 */
final class ModelJson {

    private static final Set<String> NAMESPACE_FIELDS = Set.of("path", "description", "owner", "createdAt");
    private static final Set<String> ENTRY_FIELDS = Set.of("namespace", "key", "value", "type", "version",
            "updatedAt", "updatedBy", "revision", "blob");
    private static final Set<String> BLOB_FIELDS = Set.of("sha256", "size", "contentType");
    private static final Set<String> AUDIT_FIELDS = Set.of("timestamp", "action", "actor", "namespace", "key",
            "oldValue", "newValue", "version", "revision");

    private ModelJson() {
    }

    static Namespace namespace(JsonNode node) {
        onlyFields(node, NAMESPACE_FIELDS);
        return new Namespace(requireText(node, "path"), optionalText(node, "description"),
                requireText(node, "owner"), requireText(node, "createdAt"));
    }

    static ConfigEntry entry(JsonNode node) {
        onlyFields(node, ENTRY_FIELDS);
        JsonNode blobNode = node.get("blob");
        BlobRef blob = null;
        if (blobNode != null && !blobNode.isNull()) {
            if (!blobNode.isObject()) {
                throw new ShapeException("field \"blob\" must be an object or null");
            }
            onlyFields(blobNode, BLOB_FIELDS);
            blob = new BlobRef(requireText(blobNode, "sha256"), requireLong(blobNode, "size"),
                    requireText(blobNode, "contentType"));
        }
        String value = optionalText(node, "value");
        if ((value == null) == (blob == null)) {
            throw new ShapeException("entry must have exactly one of value and blob");
        }
        return new ConfigEntry(requireText(node, "namespace"), requireText(node, "key"), value,
                requireText(node, "type"), requireLong(node, "version"), requireText(node, "updatedAt"),
                requireText(node, "updatedBy"), requireLong(node, "revision"), blob);
    }

    /**
     * An audit event of a JSON snapshot (versions 1 and 2), whose events carry no blob marker: a
     * value of the form {@code "sha256:<64 hex>"} is taken for a blob reference, as the nodes that
     * wrote them did, since nothing else can tell (an inline value of that form keeps its blob
     * pinned until the event ages out of the audit history).
     */
    static AuditEvent auditEvent(JsonNode node) {
        onlyFields(node, AUDIT_FIELDS);
        String actionName = requireText(node, "action");
        AuditAction action = AuditAction.fromWireName(actionName);
        if (action == null) {
            throw new ShapeException("unknown audit action \"" + actionName + "\"");
        }
        String key = optionalText(node, "key");
        String oldValue = optionalText(node, "oldValue");
        String newValue = optionalText(node, "newValue");
        String oldBlob = legacyReference(key, oldValue);
        String newBlob = legacyReference(key, newValue);
        try {
            return new AuditEvent(requireText(node, "timestamp"), action, requireText(node, "actor"),
                    requireText(node, "namespace"), key, oldValue, newValue, optionalLong(node, "version"),
                    requireLong(node, "revision"), oldBlob, newBlob);
        } catch (IllegalArgumentException e) {
            throw new ShapeException("audit event: " + e.getMessage());
        }
    }

    /** How the nodes that wrote JSON snapshots read a config event's value: by its form. */
    private static String legacyReference(String key, String value) {
        if (key == null || value == null || !value.startsWith(BlobRef.REFERENCE_PREFIX)) {
            return null;
        }
        String hex = value.substring(BlobRef.REFERENCE_PREFIX.length());
        return BlobRef.isSha256Hex(hex) ? hex : null;
    }
}
