package io.confman.web.api;

import io.confman.codec.command.DeleteNamespace;
import io.confman.codec.command.SetNamespace;
import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.Namespace;
import io.confman.raft.Change;
import io.confman.raft.ConfigQueries;
import io.confman.web.auth.Permission;
import io.confman.web.auth.Principal;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import io.confman.web.support.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/v1/namespaces}: list, get, create or update, delete (with the namespace's configs,
 * one Raft command), and a namespace's audit history. Lists show only namespaces the key may see.
 */
final class NamespaceService implements HttpService {
    static final int DEFAULT_AUDIT_LIMIT = 50;
    static final int MAX_AUDIT_LIMIT = 1_000;
    private static final String ONE = "/namespaces/{" + Requests.NAMESPACE + "}";

    private final AccessGuard guard;
    private final RaftCalls raft;
    private final long maxJsonBodyBytes;

    NamespaceService(AccessGuard guard, RaftCalls raft, long maxJsonBodyBytes) {
        this.guard = guard;
        this.raft = raft;
        this.maxJsonBodyBytes = maxJsonBodyBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/namespaces", this::list)
                .any("/namespaces", Requests.methodNotAllowed("GET"))
                .get(ONE, this::get)
                .put(ONE, this::put)
                .delete(ONE, this::delete)
                .any(ONE, Requests.methodNotAllowed("GET, PUT, DELETE"))
                .get(ONE + "/audit", this::audit)
                .any(ONE + "/audit", Requests.methodNotAllowed("GET"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Principal caller = guard.require(req, Permission.READ);
        List<Namespace> visible = read(req).namespaces().stream().filter(ns -> caller.mayAccess(ns.path())).toList();
        Json.send(res, Status.OK_200, visible);
    }

    private void get(ServerRequest req, ServerResponse res) {
        String namespace = guard.requireNamespace(req, Permission.READ).namespace();
        Namespace found = read(req).namespace(namespace).orElseThrow(() -> notFound(namespace));
        Json.send(res, Status.OK_200, found);
    }

    private void put(ServerRequest req, ServerResponse res) {
        AccessGuard.Target target = guard.requireNamespace(req, Permission.MANAGE_NAMESPACES);
        JsonBodies.NamespaceWrite body = JsonBodies.namespaceWrite(JsonBodies.readObject(req, true, maxJsonBodyBytes));
        Change change = raft.write(new SetNamespace(target.namespace(), body.description(), body.owner(),
                target.caller().name(), Instant.now().toString()));
        if (!(change instanceof Change.NamespaceStored stored)) {
            throw new IllegalStateException("SetNamespace changed " + change);
        }
        Json.send(res, Status.OK_200, stored.namespace());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        AccessGuard.Target target = guard.requireNamespace(req, Permission.MANAGE_NAMESPACES);
        Change change = raft.write(new DeleteNamespace(target.namespace(), target.caller().name(),
                Instant.now().toString()));
        if (!(change instanceof Change.NamespaceDeleted)) {
            throw new IllegalStateException("DeleteNamespace changed " + change);
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private void audit(ServerRequest req, ServerResponse res) {
        String namespace = guard.requireNamespace(req, Permission.READ).namespace();
        int limit = auditLimit(req);
        List<AuditEvent> events = read(req).audit(namespace, limit);
        Json.send(res, Status.OK_200, events);
    }

    /** {@code ?limit=}, default {@value #DEFAULT_AUDIT_LIMIT}, clamped to 1..{@value #MAX_AUDIT_LIMIT}. */
    static int auditLimit(ServerRequest req) {
        return Requests.query(req, "limit").map(NamespaceService::clampedLimit).orElse(DEFAULT_AUDIT_LIMIT);
    }

    static int clampedLimit(String text) {
        long asked;
        try {
            asked = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "limit must be an integer (clamped to 1.."
                    + MAX_AUDIT_LIMIT + ")");
        }
        return (int) Math.max(1, Math.min(MAX_AUDIT_LIMIT, asked));
    }

    private ConfigQueries read(ServerRequest req) {
        return raft.read(Requests.query(req, RaftCalls.CONSISTENCY));
    }

    private static ApiException notFound(String namespace) {
        return new ApiException(ProblemType.NOT_FOUND, "namespace '" + namespace + "' does not exist");
    }
}
