package io.confman.monitor.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code [ConfigEntry]} listing as a stream and skips every {@code value} without
 * decoding it. Blob-backed values are resolved into listings by the node (API.md), so one entry
 * may carry hundreds of megabytes; the browser must not hold them, and Jackson would refuse
 * strings that long anyway. Skipping an undecoded string token does not buffer it.
 */
final class EntryListReader {

    private EntryListReader() {
    }

    /** Reads all entries, each with {@code value == null}. */
    static List<ConfigEntry> read(InputStream body) throws IOException {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("expected a JSON array of config entries");
            }
            List<ConfigEntry> entries = new ArrayList<>();
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                entries.add(readEntry(parser));
            }
            return entries;
        }
    }

    private static ConfigEntry readEntry(JsonParser parser) throws IOException {
        String namespace = null;
        String key = null;
        String type = null;
        String updatedAt = null;
        String updatedBy = null;
        long version = 0;
        long revision = 0;
        BlobRef blob = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "namespace" -> namespace = text(parser, token);
                case "key" -> key = text(parser, token);
                case "type" -> type = text(parser, token);
                case "updatedAt" -> updatedAt = text(parser, token);
                case "updatedBy" -> updatedBy = text(parser, token);
                case "version" -> version = token.isNumeric() ? parser.getLongValue() : 0;
                case "revision" -> revision = token.isNumeric() ? parser.getLongValue() : 0;
                case "blob" -> blob = token == JsonToken.START_OBJECT
                        ? Json.MAPPER.readValue(parser, BlobRef.class) : null;
                default -> parser.skipChildren(); // "value" and unknown fields: never decoded
            }
        }
        return new ConfigEntry(namespace, key, null, type, version, revision, updatedAt, updatedBy, blob);
    }

    private static String text(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token.isStructStart()) {
            parser.skipChildren();
            return null;
        }
        return parser.getText();
    }
}
