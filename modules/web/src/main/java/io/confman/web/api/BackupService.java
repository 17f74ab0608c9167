package io.confman.web.api;

import io.confman.codec.backup.BackupHeader;
import io.confman.codec.backup.BackupWriter;
import io.confman.codec.model.BlobRef;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import io.confman.raft.StateView;
import io.confman.web.auth.Permission;
import io.confman.web.auth.Principal;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/backup} (admin, every namespace in scope): the whole state at one revision as
 * a backup stream ({@link BackupWriter}) — every namespace, every entry, and the bytes of every
 * blob value the entries point to, then the stream's SHA-256.
 *
 * <p>The state is read after a linearizable barrier, as one atomic view, so the file reflects
 * exactly one revision even while writes go on. Blob values are streamed from the blob store (or
 * fetched from a peer) one after the other, never held whole. A blob that cannot be read once the
 * answer has started aborts the connection, and the file then lacks its trailer, which every
 * reader refuses.
 */
final class BackupService implements HttpService {
    static final String MEDIA_TYPE = "application/vnd.confman.backup";
    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);

    private final AccessGuard guard;
    private final RaftCalls raft;
    private final LargeValueReader blobs;

    BackupService(AccessGuard guard, RaftCalls raft, LargeValueReader blobs) {
        this.guard = guard;
        this.raft = raft;
        this.blobs = blobs;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/backup", this::backup)
                .any("/backup", Requests.methodNotAllowed("GET"));
    }

    private void backup(ServerRequest req, ServerResponse res) {
        Principal caller = guard.require(req, Permission.MANAGE_NAMESPACES);
        StateView view = raft.read(Requests.query(req, RaftCalls.CONSISTENCY)).view();
        for (Namespace namespace : view.namespaces()) {
            requireScope(caller, namespace.path());
        }
        Map<String, BlobRef> distinctBlobs = new LinkedHashMap<>();
        for (ConfigEntry entry : view.entries()) {
            requireScope(caller, entry.namespace());
            if (entry.blobBacked()) {
                distinctBlobs.putIfAbsent(entry.blob().sha256(), entry.blob());
            }
        }
        long blobBytes = distinctBlobs.values().stream().mapToLong(BlobRef::size).sum();
        BackupHeader header = new BackupHeader(BackupWriter.FORMAT_VERSION, view.lastRevision(),
                view.lastApplied().index(), Instant.now().toString(), view.namespaces().size(), view.entries().size(),
                distinctBlobs.size(), blobBytes);
        WritableHeaders<?> headers = res.headers();
        headers.set(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        headers.set(HeaderNames.create("X-Confman-Revision"), Long.toString(view.lastRevision()));
        res.status(Status.OK_200);
        // Not closed on failure: closing would end the chunked body as if it were whole.
        OutputStream out = res.outputStream();
        try {
            write(out, header, view, distinctBlobs);
            out.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("aborting a backup at revision {} after its status was sent: {}", view.lastRevision(), e.toString());
            throw new CloseConnectionException("the backup failed while it was streamed", e);
        }
    }

    private void write(OutputStream out, BackupHeader header, StateView view, Map<String, BlobRef> distinctBlobs)
            throws IOException {
        BackupWriter writer = new BackupWriter(out, header);
        for (Namespace namespace : view.namespaces()) {
            writer.namespace(namespace);
        }
        for (ConfigEntry entry : view.entries()) {
            writer.entry(entry);
        }
        for (BlobRef ref : distinctBlobs.values()) {
            try (InputStream content = blobs.open(ref)) {
                writer.blob(ref, content);
            }
        }
        writer.finish();
    }

    private static void requireScope(Principal caller, String namespace) {
        if (!caller.mayAccess(namespace)) {
            throw new ApiException(ProblemType.FORBIDDEN, "API key '" + caller.name()
                    + "' is not allowed namespace '" + namespace + "'; a backup needs every namespace in scope");
        }
    }
}
