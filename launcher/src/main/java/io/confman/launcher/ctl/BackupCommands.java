package io.confman.launcher.ctl;

import io.confman.codec.backup.BackupException;
import io.confman.codec.backup.BackupHeader;
import io.confman.codec.backup.BackupReader;
import io.confman.codec.backup.BackupRecord;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code backup FILE} and {@code restore FILE}. A backup is the node's {@code GET /api/v1/backup}
 * stream saved as a crash-safe file (written beside FILE, synced, checked end to end, then renamed
 * over it). A restore checks the whole file first, refuses a cluster that holds anything unless
 * forced, writes every namespace and value through the public API, and then reads the cluster back
 * and compares every key's type and content hash with the file.
 */
final class BackupCommands {
    private BackupCommands() {
    }

    @Command(name = "backup", description = "Save every namespace, key and value (blob values included) at one revision to FILE.")
    static final class Backup implements Callable<Integer> {
        @ParentCommand
        Ctl ctl;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--via-api", description = "Build the backup from the reference API's list routes, for a "
                + "server without GET /api/v1/backup (the reference Confman); stop writes first: it is not taken at one revision.")
        boolean viaApi;

        @Override
        public Integer call() throws IOException {
            Path part = file.toAbsolutePath().resolveSibling(file.getFileName() + ".part");
            if (!Files.isDirectory(part.getParent()) || !Files.isWritable(part.getParent())) {
                throw new CtlFailure(Ctl.USAGE, "cannot write into directory " + part.getParent());
            }
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024);
                if (viaApi) {
                    exportViaApi(part.getParent(), out);
                } else {
                    download(out);
                }
                out.flush();
                channel.force(true);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(part);
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new CtlFailure(Ctl.UNREACHABLE, "the backup stream broke off: " + CtlClient.describe(e));
            }
            BackupRecord.End end;
            try (InputStream in = Files.newInputStream(part)) {
                end = BackupReader.verify(in);
            } catch (IOException e) {
                Files.deleteIfExists(part);
                throw new CtlFailure(Ctl.SERVER_ERROR, "the backup received does not check out: " + CtlClient.describe(e));
            }
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(file.toAbsolutePath().getParent());
            BackupHeader header = end.header();
            ctl.out.println((viaApi ? "backup through the API (not at one revision)" : "backup of revision "
                    + header.revision()) + ": " + header.namespaces() + " namespaces, "
                    + header.entries() + " keys, " + header.blobs() + " blob values (" + header.blobBytes()
                    + " bytes) -> " + file + " (sha256 " + end.sha256() + ")");
            return Ctl.OK;
        }

        /** The node's backup stream, copied as it arrives. */
        private void download(OutputStream out) throws IOException {
            HttpResponse<InputStream> response = ctl.client().send("GET", "/api/v1/backup", BodyPublishers.noBody(), Map.of());
            if (response.statusCode() == 404) {
                response.body().close();
                throw new CtlFailure(Ctl.NOT_FOUND, "HTTP 404: the server has no GET /api/v1/backup (the reference"
                        + " Confman?); back it up with --via-api");
            }
            try (InputStream body = CtlClient.checked(response).body()) {
                Progress progress = new Progress(ctl.err, "backup");
                byte[] buffer = new byte[256 * 1024];
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    out.write(buffer, 0, n);
                    progress.add(n);
                }
                progress.done();
            }
        }

        private void exportViaApi(Path directory, OutputStream out) throws IOException {
            Path scratch = Files.createTempDirectory(directory, ".backup-scratch-");
            try {
                new ApiExport(ctl.client(), scratch).write(out);
            } finally {
                try (var files = Files.list(scratch)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(scratch);
            }
        }

        private static void syncDirectory(Path directory) throws IOException {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }

    @Command(name = "restore", description = "Load a backup FILE into an empty cluster and check every key against it.")
    static final class Restore implements Callable<Integer> {
        @ParentCommand
        Ctl ctl;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--force", description = "Write into a cluster that already holds namespaces or keys "
                + "(what the file holds is written over them; nothing else is deleted).")
        boolean force;

        @Option(names = "--parallel", paramLabel = "N", defaultValue = "8",
                description = "Writes in flight at once (default ${DEFAULT-VALUE}).")
        int parallel;

        @Override
        public Integer call() throws IOException {
            Map<String, Long> blobOffsets = new HashMap<>();
            BackupHeader header = scan(blobOffsets);
            ClusterWriter cluster = new ClusterWriter(ctl.client());
            int namespacesBefore = cluster.namespaces().size();
            long keysBefore = cluster.keyCount();
            if ((namespacesBefore > 0 || keysBefore > 0) && !force) {
                throw new CtlFailure(Ctl.PRECONDITION_FAILED, "the cluster already holds " + namespacesBefore
                        + " namespaces and " + keysBefore + " keys; restore writes into an empty cluster"
                        + " (--force writes over them)");
            }
            Map<String, Map<String, ClusterWriter.Stored>> expected = new HashMap<>();
            try (InputStream in = Files.newInputStream(file); ParallelWrites writes = new ParallelWrites(parallel)) {
                BackupReader reader = new BackupReader(in);
                Progress progress = new Progress(ctl.err, "restore");
                for (BackupRecord record = reader.next(); record instanceof BackupRecord.NamespaceRecord
                        || record instanceof BackupRecord.EntryRecord; record = reader.next()) {
                    if (record instanceof BackupRecord.NamespaceRecord(Namespace ns)) {
                        writes.submit(() -> cluster.namespace(ns.path(), ns.description(), ns.owner()));
                    } else if (record instanceof BackupRecord.EntryRecord(ConfigEntry entry)) {
                        expected.computeIfAbsent(entry.namespace(), ns -> new HashMap<>()).put(entry.key(),
                                new ClusterWriter.Stored(entry.type(),
                                entry.blobBacked() ? entry.blob().sha256() : ClusterWriter.sha256(entry.value())));
                        writes.submit(() -> restore(cluster, entry, blobOffsets));
                        progress.add(entry.blobBacked() ? entry.blob().size() : entry.value().length());
                    }
                }
                writes.finish();
                progress.done();
            }
            verify(cluster, expected, header);
            ctl.out.println("restored " + header.namespaces() + " namespaces, " + header.entries() + " keys, "
                    + header.blobs() + " blob values (" + header.blobBytes() + " bytes) of revision " + header.revision()
                    + "; every key checked");
            return Ctl.OK;
        }

        /** Reads the whole file once, checking it; notes where each blob's bytes start. */
        private BackupHeader scan(Map<String, Long> blobOffsets) throws IOException {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new CtlFailure(Ctl.USAGE, "cannot read file " + file);
            }
            try (InputStream in = Files.newInputStream(file)) {
                BackupReader reader = new BackupReader(in);
                Set<String> referenced = new HashSet<>();
                BackupRecord record = reader.next();
                while (!(record instanceof BackupRecord.End)) {
                    if (record instanceof BackupRecord.BlobRecord blob) {
                        blobOffsets.put(blob.sha256(), blob.offset());
                    } else if (record instanceof BackupRecord.EntryRecord(ConfigEntry entry) && entry.blobBacked()) {
                        referenced.add(entry.blob().sha256());
                    }
                    record = reader.next();
                }
                referenced.removeAll(blobOffsets.keySet());
                if (!referenced.isEmpty()) {
                    throw new BackupException("damaged backup: it lacks the bytes of blob " + referenced.iterator().next());
                }
                return reader.header();
            } catch (BackupException e) {
                throw new CtlFailure(Ctl.USAGE, file + ": " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                throw new CtlFailure(Ctl.USAGE, file + " is not a readable backup: " + CtlClient.describe(e));
            }
        }

        private void restore(ClusterWriter cluster, ConfigEntry entry, Map<String, Long> blobOffsets) {
            if (!entry.blobBacked()) {
                cluster.json(entry.namespace(), entry.key(), entry.value(), entry.type());
                return;
            }
            long offset = blobOffsets.get(entry.blob().sha256());
            long size = entry.blob().size();
            if (entry.type().equals(RAW_TYPE)) {
                cluster.raw(entry.namespace(), entry.key(), entry.blob().contentType(), entry.blob().sha256(), size,
                        () -> FileSlice.open(file, offset, size));
                return;
            }
            // A JSON value stored as a blob for its size: written back as JSON, so that it keeps its type.
            try (InputStream in = FileSlice.open(file, offset, size)) {
                cluster.json(entry.namespace(), entry.key(), new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        entry.type());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void verify(ClusterWriter cluster, Map<String, Map<String, ClusterWriter.Stored>> expected,
                            BackupHeader header) {
            for (Map.Entry<String, Map<String, ClusterWriter.Stored>> namespace : expected.entrySet()) {
                Map<String, ClusterWriter.Stored> stored = cluster.entries(namespace.getKey());
                for (Map.Entry<String, ClusterWriter.Stored> key : namespace.getValue().entrySet()) {
                    if (!key.getValue().equals(stored.get(key.getKey()))) {
                        throw new CtlFailure(Ctl.SERVER_ERROR, "after the restore " + namespace.getKey() + "/"
                                + key.getKey() + " holds " + stored.get(key.getKey()) + ", the backup " + key.getValue());
                    }
                }
            }
            int namespaces = cluster.namespaces().size();
            long keys = cluster.keyCount();
            if (!force && (keys != header.entries() || namespaces != header.namespaces())) {
                throw new CtlFailure(Ctl.SERVER_ERROR, "after the restore the cluster holds " + namespaces
                        + " namespaces and " + keys + " keys, the backup " + header.namespaces() + " and "
                        + header.entries() + " (was it written to meanwhile?)");
            }
        }
    }

    /** The type of a value written raw ({@code PUT .../value}); any other type was written as JSON. */
    static final String RAW_TYPE = "blob";
}
