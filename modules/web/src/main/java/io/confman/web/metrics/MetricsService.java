package io.confman.web.metrics;

import io.confman.blob.BlobStats;
import io.confman.blob.peer.BlobPeerClient;
import io.confman.raft.node.NodeStatus;
import io.confman.raft.node.RaftMetrics;
import io.confman.web.NodeServices;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /metrics} (no authentication): this node's Raft, blob, watch and HTTP figures in the
 * Prometheus text format, with etcd's names under a {@code confman_} prefix where etcd has one.
 * Reading them takes no lock on a hot path: counters are {@code LongAdder}s, the rest is the same
 * cheap status {@code /health/ready} reads.
 */
public final class MetricsService implements HttpService {
    private final NodeServices services;
    private final HttpRequestCounter requests;

    public MetricsService(NodeServices services, HttpRequestCounter requests) {
        this.services = services;
        this.requests = requests;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::metrics);
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        byte[] body = render().getBytes(StandardCharsets.UTF_8);
        res.status(Status.OK_200).header(HeaderNames.CONTENT_TYPE, PrometheusText.CONTENT_TYPE).send(body);
    }

    String render() {
        PrometheusText text = new PrometheusText();
        raft(text);
        blobs(text);
        text.single("confman_watchers", "gauge", "Watch streams this node serves.", services.changes().watchers());
        text.family("confman_http_requests_total", "counter", "HTTP requests answered, by method, route and status code.");
        requests.forEach((key, count) -> {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("method", key.method());
            labels.put("route", key.route());
            labels.put("code", Integer.toString(key.code()));
            text.sample("confman_http_requests_total", labels, count);
        });
        return text.toString();
    }

    private void raft(PrometheusText text) {
        NodeStatus status = services.node().status();
        RaftMetrics raft = services.node().metrics();
        text.single("confman_server_has_leader", "gauge", "Whether this node knows a leader (1) or not (0).",
                        status.leaderId().isPresent() ? 1 : 0)
                .single("confman_server_is_leader", "gauge", "Whether this node is the leader (1) or not (0).",
                        status.role() == NodeStatus.Role.LEADER ? 1 : 0)
                .single("confman_server_leader_changes_seen_total", "counter",
                        "Leader changes this node has seen since it started.", raft.leaderChangesSeen())
                .single("confman_server_proposals_committed_total", "gauge",
                        "The highest Raft log index this node knows committed (as etcd's).", status.commitIndex())
                .single("confman_server_proposals_applied_total", "gauge",
                        "The highest Raft log index this node has applied (as etcd's).", status.appliedIndex())
                .single("confman_server_proposals_pending", "gauge",
                        "Writes submitted on this node and not yet answered.", services.store().pendingProposals())
                .single("confman_server_proposals_failed_total", "counter",
                        "Writes submitted on this node that failed (no leader, not committed in time) or were given up.",
                        services.store().failedProposals())
                .histogram("confman_server_apply_duration_seconds",
                        "Time the state machine took to apply one log entry.", raft.applyDuration())
                .histogram("confman_snapshot_write_duration_seconds",
                        "Time a snapshot took to be written and synced, off the apply thread.",
                        raft.snapshotWriteDuration())
                .histogram("confman_disk_wal_fsync_duration_seconds",
                        "Time each synchronous flush of the Raft log took: the buffered entries written to the open "
                                + "segment file and fdatasync'ed (Ratis's log worker syncTime).",
                        raft.walFsyncDuration());
    }

    private void blobs(PrometheusText text) {
        BlobStats stats = services.blobs().stats();
        BlobPeerClient.FetchCounts fetches = services.blobPeers().fetchCounts();
        text.single("confman_blob_stored", "gauge", "Blobs held by this node.", stats.count())
                .single("confman_blob_stored_bytes", "gauge", "Bytes of the blobs held by this node.", stats.bytes())
                .single("confman_blob_missing", "gauge",
                        "Blobs the state references that this node lacks, as the reconciler last counted.",
                        services.missingBlobs().getAsLong())
                .single("confman_blob_fetches_total", "counter", "Blobs this node fetched from peers.", fetches.fetched())
                .family("confman_blob_digest_mismatches_total", "counter",
                        "Copies whose SHA-256 did not match their id: local copies found corrupt (quarantined), "
                                + "and copies peers served (discarded).")
                .sample("confman_blob_digest_mismatches_total", Map.of("source", "local"), stats.corruptionsDetected())
                .sample("confman_blob_digest_mismatches_total", Map.of("source", "peer"), fetches.badCopies());
    }
}
