package io.confman.web.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.confman.codec.model.ConfigEntry;
import io.confman.web.support.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a blob-backed {@link ConfigEntry} as JSON with its full value, streamed from the blob
 * store into the {@code value} field: the field order and names are those of an inline entry,
 * plus {@code blob}. Inline entries go through the ordinary mapper.
 */
final class EntryJson {
    private static final Logger LOG = LoggerFactory.getLogger(EntryJson.class);

    private EntryJson() {
    }

    /**
     * Sends {@code entry}; for a blob-backed one {@code value} supplies its bytes (UTF-8). A value
     * that cannot be opened is answered with its problem (e.g. 503) before anything is sent. A value
     * that fails while it is streamed (a read error, or the hash check at its end) aborts the
     * connection without ending the chunked body, so the client sees a broken answer rather than a
     * 200 whose JSON was cut short and closed by the generator.
     */
    static void send(ServerResponse res, Status status, ConfigEntry entry, ValueSource value) {
        if (!entry.blobBacked()) {
            Json.send(res, status, entry);
            return;
        }
        try (Reader reader = value.open()) {
            res.status(status).header(HeaderNames.CONTENT_TYPE, Json.APPLICATION_JSON);
            OutputStream out = res.outputStream();
            JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out);
            try {
                write(json, entry, reader);
                json.flush();
            } catch (IOException | RuntimeException e) {
                LOG.warn("aborting the answer for {}/{} after its status was sent: {}", entry.namespace(),
                        entry.key(), e.toString());
                throw new CloseConnectionException("the value failed while it was streamed", e);
            }
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonGenerator json, ConfigEntry entry, Reader value) throws IOException {
        json.writeStartObject();
        json.writeStringField("namespace", entry.namespace());
        json.writeStringField("key", entry.key());
        json.writeFieldName("value");
        json.writeString(value, -1);
        json.writeStringField("type", entry.type());
        json.writeNumberField("version", entry.version());
        json.writeStringField("updatedAt", entry.updatedAt());
        json.writeStringField("updatedBy", entry.updatedBy());
        json.writeNumberField("revision", entry.revision());
        json.writeObjectFieldStart("blob");
        json.writeStringField("sha256", entry.blob().sha256());
        json.writeNumberField("size", entry.blob().size());
        json.writeStringField("contentType", entry.blob().contentType());
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Where a blob-backed value's characters come from. */
    @FunctionalInterface
    interface ValueSource {
        Reader open() throws IOException;

        /** The value as stored in the blob store, decoded as UTF-8 while streamed. */
        static ValueSource fromBlob(LargeValueReader reader, ConfigEntry entry) {
            return () -> {
                InputStream bytes = reader.open(entry.blob());
                return new InputStreamReader(bytes, StandardCharsets.UTF_8);
            };
        }

        /** A value the node already holds (the body of the PUT that wrote it). */
        static ValueSource of(String value) {
            return () -> new StringReader(value);
        }
    }
}
