package io.confman.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confman.blob.peer.HttpBlobPeerClient;
import io.confman.raft.node.Member;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that every other member applies the replicated state machine with the same rules as this
 * node: {@code raft.auditEventsPerNamespace} decides which audit events the state keeps, so two
 * members with different values would hold different states from the same log. Each peer is asked
 * once it answers ({@code GET /internal/state}); peers that are down are asked again every
 * {@link #RETRY_MILLIS} until each has answered once. Each peer that disagrees is logged (ERROR)
 * with one line naming the setting, both values and the peer; once a majority of the members
 * disagrees with this node, this node is the odd one out and {@code onDisagreement} gets that
 * line (the members of the majority only log, so one misconfigured node cannot stop the rest).
 *
 * <p>Runs on one virtual thread from {@link #start} until every peer answered or {@link #close}.
 */
final class RuleAgreement implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleAgreement.class);
    /** Pause between rounds while some peer has not answered yet. */
    static final long RETRY_MILLIS = 1_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The field of {@code /internal/state} (the web module's {@code StateService}) holding the setting. */
    static final String AUDIT_EVENTS_PER_NAMESPACE_FIELD = "auditEventsPerNamespace";

    private final List<Member> peers;
    private final String clusterToken;
    private final int auditEventsPerNamespace;
    private final Consumer<String> onDisagreement;
    private final HttpClient client;
    /** Peers whose TLS handshake failed, each reported once. */
    private final Set<String> handshakeFailuresLogged = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;

    RuleAgreement(List<Member> peers, String clusterToken, int auditEventsPerNamespace,
                  Consumer<String> onDisagreement, Optional<SSLContext> tls) {
        this.peers = List.copyOf(peers);
        this.clusterToken = clusterToken;
        this.auditEventsPerNamespace = auditEventsPerNamespace;
        this.onDisagreement = onDisagreement;
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT);
        tls.ifPresent(client::sslContext);
        this.client = client.build();
    }

    void start() {
        thread = Thread.ofVirtual().name("rule-agreement").start(this::run);
    }

    private void run() {
        List<Member> unasked = new ArrayList<>(peers);
        int majority = (peers.size() + 1) / 2 + 1;
        int disagreeing = 0;
        try {
            while (!unasked.isEmpty()) {
                for (Member peer : List.copyOf(unasked)) {
                    Optional<JsonNode> state = state(peer);
                    if (state.isEmpty()) {
                        continue;
                    }
                    unasked.remove(peer);
                    JsonNode theirs = state.get().get(AUDIT_EVENTS_PER_NAMESPACE_FIELD);
                    if (theirs == null || !theirs.canConvertToInt() || theirs.intValue() == auditEventsPerNamespace) {
                        continue;
                    }
                    String disagreement = "raft.auditEventsPerNamespace is " + auditEventsPerNamespace + " here but "
                            + theirs.intValue() + " on member " + peer.id() + ": every member must use the same"
                            + " value, or their states diverge";
                    if (++disagreeing >= majority) {
                        onDisagreement.accept(disagreement);
                        return;
                    }
                    LOG.error(disagreement);
                }
                if (!unasked.isEmpty()) {
                    Thread.sleep(RETRY_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The peer's {@code /internal/state}, or empty while it does not answer it. */
    private Optional<JsonNode> state(Member peer) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(peer.httpUrl().resolve("internal/state"))
                .timeout(REQUEST_TIMEOUT)
                .header(HttpBlobPeerClient.CLUSTER_TOKEN_HEADER, clusterToken)
                .GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.debug("member {} answered {} to /internal/state", peer.id(), response.statusCode());
                return Optional.empty();
            }
            return Optional.of(JSON.readTree(response.body()));
        } catch (SSLException e) {
            // A member whose certificate this node's CA did not issue (or that refuses ours): the one
            // line an operator needs, since Raft's own handshake failures repeat at every heartbeat.
            if (handshakeFailuresLogged.add(peer.id())) {
                LOG.error("TLS handshake with member {} at {} failed: {}: every member's certificate must be issued"
                        + " by the CA in tls.ca and name the member's host; Raft traffic with it fails the same way",
                        peer.id(), peer.httpUrl(), e.getMessage());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
        client.close();
    }
}
