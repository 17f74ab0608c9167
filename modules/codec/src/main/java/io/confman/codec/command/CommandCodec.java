package io.confman.codec.command;

import static io.confman.codec.internal.StrictJson.MAPPER;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.confman.codec.internal.ShapeException;
import io.confman.codec.internal.StrictJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Encodes commands into log-entry bytes and decodes them back.
 *
 * <p>The envelope is one compact UTF-8 JSON object with fields in this order:
 * {@code {"format":1,"type":"<CommandType wire name>","body":{...}}}. Format 2 differs only in
 * allowing {@code ifMatchRevision} in config command bodies; a command is written in the oldest
 * format that can carry it, so entries without that precondition keep their format 1 bytes. The golden files under the
 * test resources pin the exact bytes of each command type. Decoding first skips any number of
 * leading 0x00 bytes (some log stores pad entries), then is strict: unknown format versions,
 * unknown types, unknown or duplicate fields, missing fields, wrong JSON types and trailing content
 * all give {@link DecodeResult.Malformed}, never an exception. Adding a field therefore requires a
 * new format version.
 *
 * <p>Stateless and thread-safe.
 */
public final class CommandCodec {

    /** The newest envelope format version this node writes; it reads every version from 1 up to it. */
    public static final int FORMAT_VERSION = 2;

    /** Entries longer than this are malformed without being parsed. */
    public static final int MAX_ENTRY_BYTES = 64 * 1024 * 1024;

    private static final Set<String> ENVELOPE_FIELDS = Set.of("format", "type", "body");

    private CommandCodec() {
    }

    /** The log-entry bytes of {@code command}. */
    public static byte[] encode(Command command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = MAPPER.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeNumberField("format", CommandBodies.formatOf(command));
            generator.writeStringField("type", command.commandType().wireName());
            generator.writeFieldName("body");
            CommandBodies.write(command, generator);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** Decodes a whole entry. Never throws. */
    public static DecodeResult decode(byte[] entry) {
        return decode(entry, 0, entry.length);
    }

    /** Decodes {@code length} bytes of {@code entry} from {@code offset}. Never throws. */
    public static DecodeResult decode(byte[] entry, int offset, int length) {
        int end = offset + length;
        int start = offset;
        while (start < end && entry[start] == 0) {
            start++;
        }
        int zeros = start - offset;
        if (start == end) {
            return new DecodeResult.Malformed(zeros == 0 ? "empty entry" : "entry holds only " + zeros + " zero bytes");
        }
        if (end - start > MAX_ENTRY_BYTES) {
            return new DecodeResult.Malformed("entry of " + (end - start) + " bytes exceeds " + MAX_ENTRY_BYTES);
        }
        return decodeEnvelope(entry, start, end - start, zeros);
    }

    /** Decodes the remaining bytes of {@code entry} without moving its position. Never throws. */
    public static DecodeResult decode(ByteBuffer entry) {
        ByteBuffer view = entry.duplicate();
        if (view.hasArray()) {
            return decode(view.array(), view.arrayOffset() + view.position(), view.remaining());
        }
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return decode(copy);
    }

    /**
     * Decodes an entry read to the end of {@code entry} (which the caller closes). Malformed bytes
     * give {@link DecodeResult.Malformed}; a failure of the stream itself is not a property of the
     * entry, so it is thrown as {@link UncheckedIOException} rather than skipped, which could make
     * nodes diverge.
     */
    public static DecodeResult decode(InputStream entry) {
        try {
            byte[] bytes = entry.readNBytes(MAX_ENTRY_BYTES + 1);
            return decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read log entry", e);
        }
    }

    private static DecodeResult decodeEnvelope(byte[] bytes, int offset, int length, int zeros) {
        try {
            JsonNode root = MAPPER.readTree(bytes, offset, length);
            if (root == null || !root.isObject()) {
                return new DecodeResult.Malformed("envelope is not a JSON object");
            }
            StrictJson.onlyFields(root, ENVELOPE_FIELDS);
            long format = StrictJson.requireLong(root, "format");
            if (format < 1 || format > FORMAT_VERSION) {
                return new DecodeResult.Malformed("unsupported envelope format version " + format
                        + " (supports 1 to " + FORMAT_VERSION + ")");
            }
            String typeName = StrictJson.requireText(root, "type");
            CommandType type = CommandType.fromWireName(typeName);
            if (type == null) {
                return new DecodeResult.Malformed("unknown command type \"" + typeName + "\"");
            }
            JsonNode body = StrictJson.requireObject(root, "body");
            return new DecodeResult.Decoded(CommandBodies.read(type, body, format), zeros);
        } catch (ShapeException e) {
            return new DecodeResult.Malformed(e.getMessage());
        } catch (JacksonException e) {
            return new DecodeResult.Malformed("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            // Any other failure on these bytes happens identically on every node, so it is skipped.
            return new DecodeResult.Malformed("undecodable entry: " + e);
        }
    }
}
