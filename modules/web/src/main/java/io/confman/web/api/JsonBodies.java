package io.confman.web.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import io.confman.web.support.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and checks the JSON bodies of the write endpoints: a JSON content type, at most the
 * configured {@code http.maxPayloadBytes} (413 beyond it), well-formed, one object, each known
 * field of the right type. Other fields are ignored, as the reference API's binder ignores them
 * (its clients send extras, such as {@code name} in a namespace body), except a field that differs
 * from a known one only in case, which is refused rather than silently dropped. Every failure is a
 * 4xx naming what is wrong, raised before anything is proposed.
 */
final class JsonBodies {
    /** Longest declared value {@code type}. */
    static final int MAX_TYPE_CHARS = 64;
    static final String DEFAULT_TYPE = "string";

    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The body of {@code PUT .../config/{key}}. */
    record ConfigWrite(String value, String type) {
    }

    /** The body of {@code PUT /api/v1/namespaces/{namespace}}; both fields may be null. */
    record NamespaceWrite(String description, String owner) {
    }

    private JsonBodies() {
    }

    /** {@link #readObject(Optional, long, InputStream, boolean, long)} for the headers and body of {@code req}. */
    static ObjectNode readObject(ServerRequest req, boolean emptyIsEmptyObject, long maxBytes) {
        return readObject(req.headers().first(HeaderNames.CONTENT_TYPE), req.headers().contentLength().orElse(-1),
                req.content().hasEntity() ? req.content().inputStream() : null, emptyIsEmptyObject, maxBytes);
    }

    /**
     * Reads the body as one JSON object.
     *
     * @param contentType the request's {@code Content-Type}, if any
     * @param declaredLength the request's {@code Content-Length}, or -1
     * @param body the body stream, or null when the request has none
     * @param emptyIsEmptyObject whether a missing body counts as {@code {}}
     * @param maxBytes the largest body accepted ({@code http.maxPayloadBytes}); 413 beyond it
     */
    static ObjectNode readObject(Optional<String> contentType, long declaredLength, InputStream body,
                                 boolean emptyIsEmptyObject, long maxBytes) {
        if (body == null || declaredLength == 0) {
            if (emptyIsEmptyObject) {
                return Json.MAPPER.createObjectNode();
            }
            throw invalid("a JSON body is required");
        }
        requireJson(contentType);
        if (declaredLength > maxBytes) {
            throw tooLarge(declaredLength + " bytes", maxBytes);
        }
        byte[] bytes = readBounded(body, maxBytes);
        if (bytes.length == 0 && emptyIsEmptyObject) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = READER.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw invalid("malformed JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            throw invalid("a JSON body is required");
        }
        if (!(node instanceof ObjectNode object)) {
            throw invalid("the body must be a JSON object, not " + kind(node));
        }
        return object;
    }

    static ConfigWrite configWrite(ObjectNode body) {
        noCaseVariants(body, Set.of("value", "type"));
        JsonNode value = body.get("value");
        if (value == null) {
            throw invalid("field 'value' is required");
        }
        if (!value.isTextual()) {
            throw invalid("field 'value' must be a string, not " + kind(value));
        }
        String type = optionalString(body, "type");
        if (type == null) {
            type = DEFAULT_TYPE;
        } else if (type.isBlank() || type.length() > MAX_TYPE_CHARS) {
            throw invalid("field 'type' must be 1-" + MAX_TYPE_CHARS + " characters and not blank");
        }
        return new ConfigWrite(value.textValue(), type);
    }

    static NamespaceWrite namespaceWrite(ObjectNode body) {
        noCaseVariants(body, Set.of("description", "owner"));
        String owner = optionalString(body, "owner");
        if (owner != null && owner.isBlank()) {
            throw invalid("field 'owner' must not be blank; leave it out to default to the caller");
        }
        return new NamespaceWrite(optionalString(body, "description"), owner);
    }

    private static void requireJson(Optional<String> contentType) {
        String mediaType = contentType.map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
        if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json, not "
                    + (mediaType.isEmpty() ? "missing" : "'" + mediaType + "'"));
        }
    }

    private static byte[] readBounded(InputStream body, long maxBytes) {
        try (body) {
            byte[] bytes = body.readNBytes(Math.toIntExact(maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
    }

    /** Refuses a field named like a known one but in another case: the caller surely meant the known one. */
    private static void noCaseVariants(ObjectNode body, Set<String> known) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            for (String field : known) {
                if (!name.equals(field) && name.equalsIgnoreCase(field)) {
                    throw invalid("field '" + name + "' is not '" + field + "'; field names are case-sensitive");
                }
            }
        }
    }

    private static String optionalString(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid("field '" + field + "' must be a string, not " + kind(node));
        }
        return node.textValue();
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static ApiException invalid(String detail) {
        return new ApiException(ProblemType.INVALID_REQUEST, detail);
    }

    private static ApiException tooLarge(String size, long maxBytes) {
        return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "JSON body of " + size + " exceeds the limit of "
                + maxBytes + " bytes (http.maxPayloadBytes)");
    }
}
