package io.confman.codec.command;

import static io.confman.codec.internal.StrictJson.onlyFields;
import static io.confman.codec.internal.StrictJson.optionalBoolean;
import static io.confman.codec.internal.StrictJson.optionalLong;
import static io.confman.codec.internal.StrictJson.optionalText;
import static io.confman.codec.internal.StrictJson.requireLong;
import static io.confman.codec.internal.StrictJson.requireText;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The JSON body of each command type. Field order on write is fixed (the golden files pin it);
 * optional fields that are null are left out, and {@code createOnly} is always written.
 *
 * <p>Format 2 adds one optional field to the config commands, {@code ifMatchRevision}; format 1
 * bodies refuse it. A command that does not use it is written in format 1, byte for byte as before.
 */
final class CommandBodies {

    private static final Set<String> SET_NAMESPACE = Set.of("path", "description", "owner", "actor", "timestamp");
    private static final Set<String> DELETE_NAMESPACE = Set.of("path", "actor", "timestamp");
    private static final Set<String> SET_CONFIG = Set.of("namespace", "key", "value", "type", "actor", "timestamp",
            "ifMatchVersion", "createOnly");
    private static final Set<String> DELETE_CONFIG = Set.of("namespace", "key", "actor", "timestamp",
            "ifMatchVersion", "createOnly");
    private static final Set<String> SET_CONFIG_BLOB_REF = Set.of("namespace", "key", "sha256", "size",
            "contentType", "type", "actor", "timestamp", "ifMatchVersion", "createOnly");

    private static final String IF_MATCH_REVISION = "ifMatchRevision";

    private CommandBodies() {
    }

    /** The oldest envelope format that can carry {@code command}. */
    static int formatOf(Command command) {
        return command instanceof ConfigCommand c && c.preconditions().ifMatchRevision() != null ? 2 : 1;
    }

    static void write(Command command, JsonGenerator out) throws IOException {
        out.writeStartObject();
        switch (command) {
            case SetNamespace c -> {
                out.writeStringField("path", c.path());
                writeOptional(out, "description", c.description());
                writeOptional(out, "owner", c.owner());
                writeWho(out, c);
            }
            case DeleteNamespace c -> {
                out.writeStringField("path", c.path());
                writeWho(out, c);
            }
            case SetConfig c -> {
                writeTarget(out, c);
                out.writeStringField("value", c.value());
                out.writeStringField("type", c.type());
                writeWho(out, c);
                writePreconditions(out, c.preconditions());
            }
            case DeleteConfig c -> {
                writeTarget(out, c);
                writeWho(out, c);
                writePreconditions(out, c.preconditions());
            }
            case SetConfigBlobRef c -> {
                writeTarget(out, c);
                out.writeStringField("sha256", c.sha256());
                out.writeNumberField("size", c.size());
                out.writeStringField("contentType", c.contentType());
                writeOptional(out, "type", c.type());
                writeWho(out, c);
                writePreconditions(out, c.preconditions());
            }
        }
        out.writeEndObject();
    }

    static Command read(CommandType type, JsonNode body, long format) {
        return switch (type) {
            case SET_NAMESPACE -> {
                onlyFields(body, SET_NAMESPACE);
                yield new SetNamespace(requireText(body, "path"), optionalText(body, "description"),
                        optionalText(body, "owner"), requireText(body, "actor"), requireText(body, "timestamp"));
            }
            case DELETE_NAMESPACE -> {
                onlyFields(body, DELETE_NAMESPACE);
                yield new DeleteNamespace(requireText(body, "path"), requireText(body, "actor"),
                        requireText(body, "timestamp"));
            }
            case SET_CONFIG -> {
                onlyFields(body, fields(SET_CONFIG, format));
                yield new SetConfig(requireText(body, "namespace"), requireText(body, "key"),
                        requireText(body, "value"), requireText(body, "type"), requireText(body, "actor"),
                        requireText(body, "timestamp"), readPreconditions(body));
            }
            case DELETE_CONFIG -> {
                onlyFields(body, fields(DELETE_CONFIG, format));
                yield new DeleteConfig(requireText(body, "namespace"), requireText(body, "key"),
                        requireText(body, "actor"), requireText(body, "timestamp"), readPreconditions(body));
            }
            case SET_CONFIG_BLOB_REF -> {
                onlyFields(body, fields(SET_CONFIG_BLOB_REF, format));
                yield new SetConfigBlobRef(requireText(body, "namespace"), requireText(body, "key"),
                        requireText(body, "sha256"), requireLong(body, "size"), requireText(body, "contentType"),
                        optionalText(body, "type"), requireText(body, "actor"), requireText(body, "timestamp"),
                        readPreconditions(body));
            }
        };
    }

    /** The config command fields of {@code format}: format 2 adds {@code ifMatchRevision}. */
    private static Set<String> fields(Set<String> formatOne, long format) {
        if (format < 2) {
            return formatOne;
        }
        Set<String> withRevision = new HashSet<>(formatOne);
        withRevision.add(IF_MATCH_REVISION);
        return withRevision;
    }

    private static void writeTarget(JsonGenerator out, ConfigCommand command) throws IOException {
        out.writeStringField("namespace", command.namespace());
        out.writeStringField("key", command.key());
    }

    private static void writeWho(JsonGenerator out, Command command) throws IOException {
        out.writeStringField("actor", command.actor());
        out.writeStringField("timestamp", command.timestamp());
    }

    private static void writePreconditions(JsonGenerator out, Preconditions preconditions) throws IOException {
        if (preconditions.ifMatchVersion() != null) {
            out.writeNumberField("ifMatchVersion", preconditions.ifMatchVersion());
        }
        if (preconditions.ifMatchRevision() != null) {
            out.writeNumberField(IF_MATCH_REVISION, preconditions.ifMatchRevision());
        }
        out.writeBooleanField("createOnly", preconditions.createOnly());
    }

    private static void writeOptional(JsonGenerator out, String field, String value) throws IOException {
        if (value != null) {
            out.writeStringField(field, value);
        }
    }

    private static Preconditions readPreconditions(JsonNode body) {
        return new Preconditions(optionalLong(body, "ifMatchVersion"), optionalLong(body, IF_MATCH_REVISION),
                optionalBoolean(body, "createOnly", false));
    }
}
