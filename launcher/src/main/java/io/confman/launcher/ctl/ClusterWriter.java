package io.confman.launcher.ctl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The writes that restore and import make through the public API, and the read of what a cluster
 * holds that they compare against. Thread-safe: the writes run in parallel.
 */
final class ClusterWriter {
    private final CtlClient client;

    ClusterWriter(CtlClient client) {
        this.client = client;
    }

    /** Creates or updates a namespace. */
    void namespace(String namespace, String description, String owner) {
        put(CtlClient.namespacePath(namespace), BodyPublishers.ofString(namespaceBody(description, owner).toString()),
                Map.of("Content-Type", "application/json"));
    }

    /** The body of a namespace PUT; a null field (or empty owner) is left out: the node keeps its default. */
    static ObjectNode namespaceBody(String description, String owner) {
        ObjectNode body = CtlClient.JSON.createObjectNode();
        if (description != null) {
            body.put("description", description);
        }
        if (owner != null && !owner.isEmpty()) {
            body.put("owner", owner);
        }
        return body;
    }

    /** Writes a value through the JSON API (the cluster decides whether it is kept inline or as a blob). */
    void json(String namespace, String key, String value, String type) {
        ObjectNode body = CtlClient.JSON.createObjectNode().put("value", value).put("type", type);
        put(new KeyPath(namespace, key).entryPath(), BodyPublishers.ofString(body.toString()),
                Map.of("Content-Type", "application/json"));
    }

    /** Streams {@code size} bytes as a raw (blob) value; the node checks them against {@code sha256}. */
    void raw(String namespace, String key, String contentType, String sha256, long size, Supplier<InputStream> content) {
        BodyPublisher body = BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(content), size);
        String digest = "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)) + ":";
        put(new KeyPath(namespace, key).valuePath(), body, Map.of("Content-Type", contentType,
                "Content-Digest", digest));
    }

    private void put(String path, BodyPublisher body, Map<String, String> headers) {
        try (InputStream answer = CtlClient.checked(client.send("PUT", path, body, headers)).body()) {
            answer.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new CtlFailure(Ctl.UNREACHABLE, "the answer to PUT " + path + " broke off: " + CtlClient.describe(e));
        }
    }

    /** One stored entry: its type, and the SHA-256 of its value's bytes (the blob id, or of the inline UTF-8). */
    record Stored(String type, String sha256) {
    }

    /** The namespaces the cluster holds. */
    List<JsonNode> namespaces() {
        List<JsonNode> namespaces = new ArrayList<>();
        client.getJson("/api/v1/namespaces").forEach(namespaces::add);
        return namespaces;
    }

    /** How many keys the cluster holds in all namespaces (the list is parsed as it arrives). */
    long keyCount() {
        long[] count = {0};
        streamArray("/api/v1/configs", item -> {
            item.skipChildren();
            count[0]++;
        });
        return count[0];
    }

    /**
     * Every key of a namespace with its type and content hash, read linearizably in one list that
     * is parsed as it arrives: values are hashed, never kept.
     */
    Map<String, Stored> entries(String namespace) {
        Map<String, Stored> entries = new HashMap<>();
        streamArray(CtlClient.namespacePath(namespace) + "/config", parser -> {
            String key = null;
            String type = null;
            String sha = null;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "key" -> key = parser.getText();
                    case "type" -> type = parser.getText();
                    case "value" -> sha = parser.currentToken() == JsonToken.VALUE_NULL ? sha : sha256(parser.getText());
                    case "blob" -> sha = ((JsonNode) parser.readValueAsTree()).get("sha256").asText();
                    default -> parser.skipChildren();
                }
            }
            entries.put(key, new Stored(type, sha));
        });
        return entries;
    }

    /** A parser positioned on one object of a JSON array answer. */
    @FunctionalInterface
    private interface ItemReader {
        void read(JsonParser parser) throws IOException;
    }

    private void streamArray(String path, ItemReader items) {
        try (InputStream in = CtlClient.checked(client.send("GET", path, BodyPublishers.noBody(), Map.of())).body();
             JsonParser parser = CtlClient.JSON.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new CtlFailure(Ctl.SERVER_ERROR, "GET " + path + " did not answer a JSON array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                items.read(parser);
            }
        } catch (IOException e) {
            throw new CtlFailure(Ctl.SERVER_ERROR, "unreadable answer to GET " + path + ": " + CtlClient.describe(e));
        }
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(newSha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
