package io.confman.launcher.ctl;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code import DIR}: a directory tree of JSON files into namespaces and keys. The first directory
 * level names the namespace; the rest of a file's path, its directories joined with dots and
 * {@code .json} dropped, names the key ({@code DIR/payments/eu/limits.json} becomes
 * {@code payments/eu.limits}). Every file is checked first (well-formed JSON, valid names, no two
 * files on one key) and nothing is written if one fails. A key that already holds the file's
 * bytes with the same type is left alone, so a second import of the same tree writes nothing.
 * Files under {@code --raw-from} bytes are written as JSON values of type {@code json}; larger ones
 * are streamed as raw values (type {@code blob}, {@code Content-Type: application/json}). Hidden
 * files and directories ({@code .git}) and files not ending in {@code .json} are skipped.
 * Namespaces are created when missing; nothing is ever deleted.
 */
@Command(name = "import", description = "Import a directory tree of JSON files: DIR/NS/a/b.json becomes key a.b in namespace NS.")
final class ImportCommand implements Callable<Integer> {
    static final String JSON_TYPE = "json";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,256}");
    private static final Pattern ONLY_DOTS = Pattern.compile("\\.+");

    @ParentCommand
    Ctl ctl;

    @Parameters(paramLabel = "DIR")
    Path directory;

    @Option(names = "--raw-from", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Files of at least this many bytes are streamed as raw values (default ${DEFAULT-VALUE}).")
    long rawFromBytes;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "8",
            description = "Writes in flight at once (default ${DEFAULT-VALUE}).")
    int parallel;

    /** One file to import and where it goes. */
    record Planned(Path file, String namespace, String key, long size, String sha256, String type) {
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new CtlFailure(Ctl.USAGE, directory + " is not a directory");
        }
        List<String> problems = new ArrayList<>();
        List<Planned> plan = plan(problems);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> ctl.err.println("confman ctl: " + problem));
            throw new CtlFailure(Ctl.USAGE, problems.size() + " files cannot be imported; nothing was written");
        }
        ClusterWriter cluster = new ClusterWriter(ctl.client());
        Map<String, List<Planned>> byNamespace = new TreeMap<>();
        plan.forEach(file -> byNamespace.computeIfAbsent(file.namespace(), ns -> new ArrayList<>()).add(file));
        List<String> existing = cluster.namespaces().stream().map(ns -> ns.path("path").asText()).toList();
        AtomicLong created = new AtomicLong();
        AtomicLong updated = new AtomicLong();
        long unchanged = 0;
        long bytesWritten = 0;
        int namespacesCreated = 0;
        try (ParallelWrites writes = new ParallelWrites(parallel)) {
            for (Map.Entry<String, List<Planned>> namespace : byNamespace.entrySet()) {
                if (!existing.contains(namespace.getKey())) {
                    cluster.namespace(namespace.getKey(), null, null);
                    namespacesCreated++;
                }
                Map<String, ClusterWriter.Stored> stored = cluster.entries(namespace.getKey());
                for (Planned file : namespace.getValue()) {
                    ClusterWriter.Stored now = stored.get(file.key());
                    if (now != null && now.equals(new ClusterWriter.Stored(file.type(), file.sha256()))) {
                        unchanged++;
                        continue;
                    }
                    bytesWritten += file.size();
                    AtomicLong counter = now == null ? created : updated;
                    writes.submit(() -> {
                        write(cluster, file);
                        counter.incrementAndGet();
                    });
                }
            }
            writes.finish();
        }
        verify(cluster, byNamespace);
        ctl.out.println("imported " + directory + ": " + plan.size() + " files into " + byNamespace.size()
                + " namespaces (" + namespacesCreated + " created); keys created " + created.get() + ", updated "
                + updated.get() + ", unchanged " + unchanged + "; " + bytesWritten + " bytes written; every key checked");
        return Ctl.OK;
    }

    private List<Planned> plan(List<String> problems) throws IOException {
        List<Planned> plan = new ArrayList<>();
        Map<String, Path> claimed = new HashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).filter(this::visible)
                    .filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            Path relative = directory.relativize(file);
            if (relative.getNameCount() < 2) {
                problems.add(relative + ": a file directly in DIR has no namespace (put it in DIR/NAMESPACE/)");
                continue;
            }
            String namespace = relative.getName(0).toString();
            String name = relative.subpath(1, relative.getNameCount()).toString();
            String key = name.substring(0, name.length() - ".json".length()).replace(relative.getFileSystem().getSeparator(), ".");
            if (!validName(namespace) || !validName(key)) {
                problems.add(relative + ": namespace '" + namespace + "' or key '" + key
                        + "' is not 1-256 characters of A-Z a-z 0-9 . _ -");
                continue;
            }
            Path other = claimed.putIfAbsent(namespace + "/" + key, relative);
            if (other != null) {
                problems.add(relative + ": key " + namespace + "/" + key + " is also " + other);
                continue;
            }
            try {
                long size = Files.size(file);
                plan.add(new Planned(file, namespace, key, size, checkedSha256(file),
                        size >= rawFromBytes ? BackupCommands.RAW_TYPE : JSON_TYPE));
            } catch (IOException e) {
                problems.add(relative + ": not well-formed JSON: " + CtlClient.describe(e).lines().findFirst().orElse(""));
            }
        }
        return plan;
    }

    private boolean visible(Path file) {
        for (Path part : directory.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static boolean validName(String name) {
        return NAME.matcher(name).matches() && !ONLY_DOTS.matcher(name).matches();
    }

    /** The file's SHA-256, read once while a streaming parser checks that it is one JSON value. */
    private static String checkedSha256(Path file) throws IOException {
        MessageDigest digest = ClusterWriter.newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest);
             JsonParser parser = CtlClient.JSON.getFactory().createParser(in)) {
            if (parser.nextToken() == null) {
                throw new IOException("the file is empty");
            }
            parser.skipChildren();
            // The parser reads to the end of the file to find none (and so has hashed all of it).
            if (parser.nextToken() != null) {
                throw new IOException("more than one JSON value");
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void write(ClusterWriter cluster, Planned file) {
        if (file.type().equals(BackupCommands.RAW_TYPE)) {
            cluster.raw(file.namespace(), file.key(), "application/json", file.sha256(), file.size(),
                    () -> FileSlice.open(file.file(), 0, file.size()));
            return;
        }
        try {
            cluster.json(file.namespace(), file.key(), Files.readString(file.file(), StandardCharsets.UTF_8), JSON_TYPE);
        } catch (IOException e) {
            throw new CtlFailure(Ctl.USAGE, "cannot read " + file.file() + ": " + CtlClient.describe(e));
        }
    }

    private static void verify(ClusterWriter cluster, Map<String, List<Planned>> byNamespace) {
        for (Map.Entry<String, List<Planned>> namespace : byNamespace.entrySet()) {
            Map<String, ClusterWriter.Stored> stored = cluster.entries(namespace.getKey());
            for (Planned file : namespace.getValue()) {
                ClusterWriter.Stored expected = new ClusterWriter.Stored(file.type(), file.sha256());
                if (!expected.equals(stored.get(file.key()))) {
                    throw new CtlFailure(Ctl.SERVER_ERROR, file.namespace() + "/" + file.key() + " holds "
                            + stored.get(file.key()) + " after the import, not " + expected + " of " + file.file());
                }
            }
        }
    }
}
