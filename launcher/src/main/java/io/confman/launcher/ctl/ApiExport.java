package io.confman.launcher.ctl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.confman.codec.backup.BackupHeader;
import io.confman.codec.backup.BackupWriter;
import io.confman.codec.model.BlobRef;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backup built by the client from the reference API's routes only ({@code GET /api/v1/namespaces},
 * {@code GET /api/v1/configs} and, for a blob-backed value the list leaves out, {@code GET
 * .../config/{key}}): for a server without {@code GET /api/v1/backup}, such as the reference
 * Confman. Every value there is a JSON string. Not consistent at one revision (the reference has
 * none): writes must be stopped while it runs. The entries are gathered in a scratch directory
 * first (values of {@link #INLINE_LIMIT_BYTES} or more as files, hashed as they arrive), since the
 * header announces the counts.
 */
final class ApiExport {
    /** Values from this size on are blob records in the file rather than inline in an entry line. */
    static final int INLINE_LIMIT_BYTES = 1024 * 1024;
    static final String CONTENT_TYPE = "text/plain; charset=utf-8";

    private final CtlClient client;
    private final Path scratch;

    ApiExport(CtlClient client, Path scratch) {
        this.client = client;
        this.scratch = scratch;
    }

    /** Writes the backup to {@code out}; the caller syncs, checks and renames it. */
    void write(OutputStream out) throws IOException {
        List<Namespace> namespaces = new ArrayList<>();
        for (JsonNode ns : client.getJson("/api/v1/namespaces")) {
            namespaces.add(new Namespace(ns.path("path").asText(), text(ns, "description"),
                    ns.path("owner").asText(""), ns.path("createdAt").asText("")));
        }
        Path entries = scratch.resolve("entries.jsonl");
        Map<String, BlobRef> blobs = new LinkedHashMap<>();
        long count = gatherEntries(entries, blobs);
        long blobBytes = blobs.values().stream().mapToLong(BlobRef::size).sum();
        BackupWriter writer = new BackupWriter(out, new BackupHeader(BackupWriter.FORMAT_VERSION, 0, 0,
                Instant.now().toString(), namespaces.size(), count, blobs.size(), blobBytes));
        for (Namespace namespace : namespaces) {
            writer.namespace(namespace);
        }
        try (BufferedReader lines = Files.newBufferedReader(entries, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                writer.entry(CtlClient.JSON.readValue(line, ConfigEntry.class));
            }
        }
        for (BlobRef blob : blobs.values()) {
            try (InputStream content = Files.newInputStream(scratch.resolve(blob.sha256()))) {
                writer.blob(blob, content);
            }
        }
        writer.finish();
    }

    /** Streams the cross-namespace list into {@code entries}, one ConfigEntry JSON per line. */
    private long gatherEntries(Path entries, Map<String, BlobRef> blobs) throws IOException {
        long count = 0;
        try (InputStream in = CtlClient.checked(client.send("GET", "/api/v1/configs", BodyPublishers.noBody(),
                Map.of())).body();
             JsonParser parser = CtlClient.JSON.getFactory().createParser(in);
             BufferedWriter out = Files.newBufferedWriter(entries, StandardCharsets.UTF_8)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new CtlFailure(Ctl.SERVER_ERROR, "GET /api/v1/configs did not answer a JSON array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode item = parser.readValueAsTree();
                if (item.path("type").asText().equals(BackupCommands.RAW_TYPE)) {
                    throw new CtlFailure(Ctl.USAGE, item.path("ns").asText() + "/" + item.path("key").asText()
                            + " is a raw value, which the reference API cannot carry: back up without --via-api");
                }
                String value = item.path("value").isTextual() ? item.get("value").asText()
                        : valueOf(item.path("ns").asText(), item.path("key").asText());
                ConfigEntry entry = entry(item, value, blobs);
                out.write(CtlClient.JSON.writeValueAsString(entry));
                out.newLine();
                count++;
            }
        }
        return count;
    }

    /** The entry of one list item: inline, or (from {@link #INLINE_LIMIT_BYTES} on) a blob kept in scratch. */
    private ConfigEntry entry(JsonNode item, String value, Map<String, BlobRef> blobs) throws IOException {
        String namespace = item.path("ns").asText();
        String key = item.path("key").asText();
        String type = item.path("type").asText("string");
        long version = item.path("version").asLong();
        String updatedAt = item.path("updatedAt").asText("");
        String updatedBy = item.path("updatedBy").asText("");
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < INLINE_LIMIT_BYTES) {
            return new ConfigEntry(namespace, key, value, type, version, updatedAt, updatedBy, 0, null);
        }
        String sha = HexFormat.of().formatHex(ClusterWriter.newSha256().digest(bytes));
        if (!blobs.containsKey(sha)) {
            Files.write(scratch.resolve(sha), bytes);
            blobs.put(sha, new BlobRef(sha, bytes.length, CONTENT_TYPE));
        }
        return new ConfigEntry(namespace, key, null, type, version, updatedAt, updatedBy, 0, blobs.get(sha));
    }

    /** A value the list left out (blob-backed in the reference): the single entry's {@code value}. */
    private String valueOf(String namespace, String key) {
        JsonNode entry = client.getJson(new KeyPath(namespace, key).entryPath());
        if (!entry.path("value").isTextual()) {
            throw new CtlFailure(Ctl.SERVER_ERROR, "GET of " + namespace + "/" + key + " answered no value");
        }
        return entry.get("value").asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
