package io.confman.launcher.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The commands on one key: get, put, cas and del. */
final class KeyCommands {
    private KeyCommands() {
    }

    @Command(name = "get", description = "Print a value: its exact bytes (blob values streamed), or the entry with -o json.")
    static final class Get implements Callable<Integer> {
        @ParentCommand
        Ctl ctl;

        @Parameters(paramLabel = "NS/KEY")
        String path;

        @Override
        public Integer call() throws IOException {
            KeyPath key = KeyPath.parse(path);
            CtlClient client = ctl.client();
            if (ctl.output == Ctl.Output.json) {
                ctl.printJson(client.getJson(key.entryPath()));
                return Ctl.OK;
            }
            HttpResponse<InputStream> response = CtlClient.checked(
                    client.send("GET", key.valuePath(), BodyPublishers.noBody(), Map.of()));
            try (InputStream value = response.body()) {
                value.transferTo(ctl.out);
            }
            return Ctl.OK;
        }
    }

    @Command(name = "put", description = "Write a value: VALUE as a JSON string value, or a file's bytes streamed as a raw value.")
    static final class Put implements Callable<Integer> {
        @ParentCommand
        Ctl ctl;

        @Mixin
        WriteArguments write;

        @Override
        public Integer call() {
            return write.send(ctl, Map.of());
        }
    }

    @Command(name = "cas", description = "Write a value only if the key is still at a version (412, exit 5, if not).")
    static final class Cas implements Callable<Integer> {
        @ParentCommand
        Ctl ctl;

        @Mixin
        WriteArguments write;

        @Option(names = "--if-version", required = true, paramLabel = "V",
                description = "The key's current version (the entry's version), or rREVISION (its ETag).")
        String ifVersion;

        @Override
        public Integer call() {
            return write.send(ctl, ifMatch(ifVersion));
        }
    }

    /** What put and cas share: the key, the value or file, and how to type it. */
    static final class WriteArguments {
        @Parameters(index = "0", paramLabel = "NS/KEY")
        String path;

        @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE",
                description = "The value (a JSON string value); - reads it from stdin (UTF-8).")
        String value;

        @Option(names = "--file", paramLabel = "FILE",
                description = "Stream this file's bytes as the value instead; - streams stdin.")
        Path file;

        @Option(names = "--type", paramLabel = "TYPE", description = "The type of a VALUE (default string).")
        String type;

        @Option(names = "--content-type", paramLabel = "MEDIA_TYPE", defaultValue = "application/octet-stream",
                description = "The Content-Type stored with a --file value (default ${DEFAULT-VALUE}).")
        String contentType;

        int send(Ctl ctl, Map<String, String> conditions) {
            if ((value == null) == (file == null)) {
                throw new CtlFailure(Ctl.USAGE, "give either VALUE or --file FILE");
            }
            return write(ctl, KeyPath.parse(path), this, conditions);
        }
    }

    @Command(name = "del", description = "Delete a key.")
    static final class Del implements Callable<Integer> {
        @ParentCommand
        Ctl ctl;

        @Parameters(paramLabel = "NS/KEY")
        String path;

        @Option(names = "--if-version", paramLabel = "V", description = "Delete only if the key is still at this version or rREVISION.")
        String ifVersion;

        @Override
        public Integer call() {
            KeyPath key = KeyPath.parse(path);
            Map<String, String> headers = ifVersion == null ? Map.of() : ifMatch(ifVersion);
            CtlClient.checked(ctl.client().send("DELETE", key.entryPath(), BodyPublishers.noBody(), headers));
            if (ctl.output == Ctl.Output.table) {
                ctl.out.println("deleted " + key);
            }
            return Ctl.OK;
        }
    }

    /** {@code If-Match} for a version number, or for an ETag written as {@code rREVISION}. */
    private static Map<String, String> ifMatch(String version) {
        if (!version.matches("r?[0-9]{1,19}")) {
            throw new CtlFailure(Ctl.USAGE, "--if-version '" + version + "' is neither a version nor rREVISION");
        }
        return Map.of("If-Match", "\"" + version + "\"");
    }

    /** The VALUE or FILE argument that stands for standard input. */
    static final String STDIN = "-";

    private static String readStdin(Ctl ctl) {
        try {
            return new String(ctl.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CtlFailure(Ctl.USAGE, "cannot read stdin: " + CtlClient.describe(e));
        }
    }

    private static int write(Ctl ctl, KeyPath key, WriteArguments arguments, Map<String, String> conditions) {
        Map<String, String> headers = new HashMap<>(conditions);
        BodyPublisher body;
        String target;
        if (arguments.file != null && arguments.file.toString().equals(STDIN)) {
            body = BodyPublishers.ofInputStream(() -> ctl.in);
            headers.put("Content-Type", arguments.contentType);
            target = key.valuePath();
        } else if (arguments.file != null) {
            if (!Files.isRegularFile(arguments.file) || !Files.isReadable(arguments.file)) {
                throw new CtlFailure(Ctl.USAGE, "cannot read file " + arguments.file);
            }
            try {
                body = BodyPublishers.ofFile(arguments.file);
            } catch (IOException e) {
                throw new CtlFailure(Ctl.USAGE, "cannot read file " + arguments.file + ": " + CtlClient.describe(e));
            }
            headers.put("Content-Type", arguments.contentType);
            target = key.valuePath();
        } else {
            ObjectNode json = CtlClient.JSON.createObjectNode().put("value", arguments.value.equals(STDIN)
                    ? readStdin(ctl) : arguments.value);
            if (arguments.type != null) {
                json.put("type", arguments.type);
            }
            body = BodyPublishers.ofString(json.toString());
            headers.put("Content-Type", "application/json");
            target = key.entryPath();
        }
        JsonNode entry = CtlClient.json(CtlClient.checked(ctl.client().send("PUT", target, body, headers)));
        if (ctl.output == Ctl.Output.json) {
            ctl.printJson(entry);
        } else {
            ctl.out.println("OK " + key + " version " + entry.path("version").asText("?")
                    + " revision " + entry.path("revision").asText("?"));
        }
        return Ctl.OK;
    }
}
