package io.confman.web.http;

import io.confman.raft.ConfigQueries;
import io.confman.web.NodeServices;
import io.confman.web.support.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /internal/state}: this node's applied index and the digest of its whole state, so
 * that operators and tests can check that members at the same applied index hold identical
 * state, and the state machine rules that must be equal on every member for that to hold
 * ({@code auditEventsPerNamespace}), which members compare when they start. Guarded like every {@code /internal} endpoint by the {@link ClusterGuard}; not part of
 * the public API.
 */
public final class StateService implements HttpService {
    /** The field naming {@code raft.auditEventsPerNamespace} in the answer. */
    public static final String AUDIT_EVENTS_PER_NAMESPACE = "auditEventsPerNamespace";

    private final NodeServices services;
    private final ClusterGuard guard;

    public StateService(NodeServices services, ClusterGuard guard) {
        this.services = services;
        this.guard = guard;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::state);
    }

    private void state(ServerRequest req, ServerResponse res) {
        guard.require(req);
        ConfigQueries state = services.store().stale();
        // Hash first, then the index: a concurrent apply can only make the index newer than the
        // hash, which a comparing caller sees as "not settled yet", never as a false match.
        String hash = state.stateHash();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nodeId", services.node().nodeId());
        body.put("stateHash", hash);
        body.put("appliedIndex", state.lastAppliedIndex());
        body.put("malformedEntries", state.malformedEntryCount());
        body.put(AUDIT_EVENTS_PER_NAMESPACE, state.auditEventsPerNamespace());
        Json.send(res, Status.OK_200, body);
    }
}
