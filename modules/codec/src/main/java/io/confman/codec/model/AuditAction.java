package io.confman.codec.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an {@link AuditEvent} records; {@link #wireName()} is the JSON form from API.md. */
public enum AuditAction {
    CONFIG_CREATED("config.created"),
    CONFIG_UPDATED("config.updated"),
    CONFIG_DELETED("config.deleted"),
    NAMESPACE_CREATED("namespace.created"),
    NAMESPACE_UPDATED("namespace.updated"),
    NAMESPACE_DELETED("namespace.deleted");

    private final String wireName;

    AuditAction(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The action with this wire name, or null when there is none. */
    public static AuditAction fromWireName(String wireName) {
        for (AuditAction action : values()) {
            if (action.wireName.equals(wireName)) {
                return action;
            }
        }
        return null;
    }
}
