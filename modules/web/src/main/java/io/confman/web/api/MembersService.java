package io.confman.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.confman.codec.wire.MemberView;
import io.confman.raft.node.ClusterMember;
import io.confman.raft.node.ClusterNode;
import io.confman.raft.node.Member;
import io.confman.raft.node.MembershipChangeRefused;
import io.confman.raft.node.RaftUnavailableException;
import io.confman.web.auth.NamespaceScope;
import io.confman.web.auth.Permission;
import io.confman.web.auth.Principal;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import io.confman.web.problem.Problems;
import io.confman.web.support.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/cluster/members}: list the members of the Raft group (as this node's copy of the
 * Raft configuration has them), add one as a non-voter (it is promoted by itself once caught up),
 * remove one. Changing members needs an admin key scoped to every namespace.
 */
final class MembersService implements HttpService {
    private static final String ROOT = "/cluster/members";
    private static final String ONE = ROOT + "/{id}";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final long MAX_BODY_BYTES = 4 * 1024;

    private final AccessGuard guard;
    private final ClusterNode node;

    MembersService(AccessGuard guard, ClusterNode node) {
        this.guard = guard;
        this.node = node;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(ROOT, this::list)
                .post(ROOT, this::add)
                .any(ROOT, Requests.methodNotAllowed("GET, POST"))
                .delete(ONE, this::remove)
                .any(ONE, Requests.methodNotAllowed("DELETE"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        guard.require(req, Permission.READ);
        Json.send(res, Status.OK_200, views(node.members()));
    }

    private void add(ServerRequest req, ServerResponse res) {
        requireClusterAdmin(req);
        ObjectNode body = JsonBodies.readObject(req, false, MAX_BODY_BYTES);
        Member member = member(body, node.settings().self().httpUrl().getScheme());
        Json.send(res, Status.OK_200, views(await(node.addMember(member))));
    }

    private void remove(ServerRequest req, ServerResponse res) {
        requireClusterAdmin(req);
        String id = req.path().pathParameters().get("id");
        if (!ID.matcher(id).matches()) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "member id must be 1-64 letters, digits, '-' or '_'");
        }
        Json.send(res, Status.OK_200, views(await(node.removeMember(id))));
    }

    private void requireClusterAdmin(ServerRequest req) {
        Principal caller = guard.require(req, Permission.MANAGE_CLUSTER);
        if (!caller.scope().entries().contains(NamespaceScope.ALL)) {
            throw new ApiException(ProblemType.FORBIDDEN, "API key '" + caller.name() + "' is limited to some"
                    + " namespaces; changing cluster members needs an admin key for every namespace");
        }
    }

    /**
     * {@code {"id": "node4", "url": "http://host:6400/", "raftAddress": "host:7400"}}; the URL's
     * scheme must be {@code scheme}, this node's own (https in a TLS cluster).
     */
    static Member member(ObjectNode body, String scheme) {
        String id = text(body, "id");
        String url = text(body, "url");
        String raftAddress = text(body, "raftAddress");
        if (!ID.matcher(id).matches()) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "id must be 1-64 letters, digits, '-' or '_'");
        }
        URI httpUrl;
        try {
            httpUrl = URI.create(url);
        } catch (IllegalArgumentException e) {
            httpUrl = null;
        }
        if (httpUrl == null || !scheme.equals(httpUrl.getScheme()) || httpUrl.getHost() == null || httpUrl.getPort() < 1) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "url must be " + scheme + "://host:port/ (is '" + url
                    + "')");
        }
        int colon = raftAddress.lastIndexOf(':');
        int port = colon > 0 ? parsePort(raftAddress.substring(colon + 1)) : -1;
        if (port < 1) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "raftAddress must be host:port (is '" + raftAddress + "')");
        }
        return new Member(id, httpUrl, raftAddress.substring(0, colon), port);
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port <= 65_535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String text(ObjectNode body, String field) {
        var value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "field '" + field + "' must be a non-empty string");
        }
        return value.asText();
    }

    private static List<MemberView> views(List<ClusterMember> members) {
        return members.stream().map(m -> new MemberView(m.id(), m.member().httpUrl().toString(),
                m.member().raftAddress(), m.voting())).toList();
    }

    /** Waits for a membership change; its refusals become 404 or 409, Raft failures 503. */
    private static List<ClusterMember> await(CompletableFuture<List<ClusterMember>> change) {
        try {
            return change.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ProblemType.INTERNAL_ERROR, "interrupted while the change was under way");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause()
                    : e.getCause();
            throw switch (cause) {
                case MembershipChangeRefused refused -> new ApiException(
                        refused.reason() == MembershipChangeRefused.Reason.UNKNOWN_MEMBER ? ProblemType.NOT_FOUND
                                : ProblemType.CONFLICT, refused.getMessage());
                case RaftUnavailableException raft -> Problems.forRaftFailure(raft, true);
                default -> new IllegalStateException("membership change failed", cause);
            };
        }
    }
}
