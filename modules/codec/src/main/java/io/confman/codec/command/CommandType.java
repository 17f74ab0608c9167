package io.confman.codec.command;

/**
 * The type tag of a command inside the envelope. The {@link #wireName()} strings are part of the
 * log format: renaming one makes old entries undecodable.
 */
public enum CommandType {
    SET_NAMESPACE("SetNamespace"),
    DELETE_NAMESPACE("DeleteNamespace"),
    SET_CONFIG("SetConfig"),
    DELETE_CONFIG("DeleteConfig"),
    SET_CONFIG_BLOB_REF("SetConfigBlobRef");

    private final String wireName;

    CommandType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type with this wire name, or null when there is none. */
    public static CommandType fromWireName(String wireName) {
        for (CommandType type : values()) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        return null;
    }

    static CommandType of(Command command) {
        return switch (command) {
            case SetNamespace ignored -> SET_NAMESPACE;
            case DeleteNamespace ignored -> DELETE_NAMESPACE;
            case SetConfig ignored -> SET_CONFIG;
            case DeleteConfig ignored -> DELETE_CONFIG;
            case SetConfigBlobRef ignored -> SET_CONFIG_BLOB_REF;
        };
    }
}
