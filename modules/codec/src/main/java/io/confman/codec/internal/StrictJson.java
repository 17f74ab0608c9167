package io.confman.codec.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;
import java.util.Set;

/**
 * Strict, deterministic reads of fields from a parsed JSON object: a field has exactly the expected
 * JSON type or the read fails with a {@link ShapeException}; numbers are never coerced from strings
 * and strings never from numbers. Stateless and thread-safe.
 */
public final class StrictJson {

    /**
     * The mapper both codecs use: duplicate field names and trailing tokens are errors, and it never
     * closes the streams it is given (their owner does).
     */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Reads one value at the parser's position and leaves the parser there, for streamed arrays. */
    public static final ObjectReader ELEMENT_READER = MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    /** Fails unless every field of {@code object} is one of {@code allowed}. */
    public static void onlyFields(JsonNode object, Set<String> allowed) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ShapeException("unknown field \"" + name + "\"");
            }
        }
    }

    public static JsonNode requireObject(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new ShapeException(describe(node, field, "an object"));
        }
        return node;
    }

    public static String requireText(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || !node.isTextual()) {
            throw new ShapeException(describe(node, field, "a string"));
        }
        return node.textValue();
    }

    /** A string field that may be absent or null (both read as null). */
    public static String optionalText(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new ShapeException(describe(node, field, "a string or null"));
        }
        return node.textValue();
    }

    public static long requireLong(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new ShapeException(describe(node, field, "an integer"));
        }
        return node.longValue();
    }

    /** An integer field that may be absent or null (both read as null). */
    public static Long optionalLong(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return requireLong(object, field);
    }

    /** A boolean field that reads as {@code absentValue} when absent. */
    public static boolean optionalBoolean(JsonNode object, String field, boolean absentValue) {
        JsonNode node = object.get(field);
        if (node == null) {
            return absentValue;
        }
        if (!node.isBoolean()) {
            throw new ShapeException(describe(node, field, "a boolean"));
        }
        return node.booleanValue();
    }

    private static String describe(JsonNode node, String field, String expected) {
        if (node == null) {
            return "missing field \"" + field + "\"";
        }
        return "field \"" + field + "\" must be " + expected + ", was " + node.getNodeType().name().toLowerCase();
    }
}
