package io.confman.web.http;

import io.confman.blob.BlobStats;
import io.confman.blob.BlobStore;
import io.confman.codec.wire.BlobsView;
import io.confman.codec.wire.ClusterView;
import io.confman.codec.wire.HealthReport;
import io.confman.codec.wire.MemberView;
import io.confman.codec.wire.SnapshotView;
import io.confman.raft.node.ClusterMember;
import io.confman.raft.node.ClusterNode;
import io.confman.raft.node.Member;
import io.confman.raft.node.NodeStatus;
import io.confman.web.NodeServices;
import io.confman.web.support.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The reference-compatible health routes (no authentication): {@code GET /health} answers while
 * the process serves; {@code GET /health/ready} reports this node's Raft view and answers 503 with
 * the same body while the node is not caught up ({@link io.confman.raft.node.NodeStatus#ready}).
 */
public final class HealthService implements HttpService {
    private final ClusterNode node;
    private final BlobStore blobs;
    private final LongSupplier missingBlobs;

    public HealthService(NodeServices services) {
        this.node = services.node();
        this.blobs = services.blobs();
        this.missingBlobs = services.missingBlobs();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::live)
                .get("/ready", this::ready);
    }

    private void live(ServerRequest req, ServerResponse res) {
        Json.send(res, Status.OK_200, Map.of("status", "healthy", "timestamp", Instant.now().toString()));
    }

    private void ready(ServerRequest req, ServerResponse res) {
        HealthReport report = report(node.status());
        Json.send(res, report.ready() ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, report);
    }

    HealthReport report(NodeStatus status) {
        List<ClusterMember> current = node.members();
        String leaderUrl = status.leaderId().flatMap(id -> current.stream().map(ClusterMember::member)
                .filter(m -> m.id().equals(id)).findFirst()).map(Member::httpUrl).map(Object::toString).orElse(null);
        List<MemberView> members = current.stream().map(c -> new MemberView(c.id(), c.member().httpUrl().toString(),
                c.member().raftAddress(), c.voting())).toList();
        ClusterView cluster = new ClusterView(status.role().wireName(), status.leaderId().isPresent(), leaderUrl,
                status.term(), node.nodeId(), status.commitIndex(), status.appliedIndex(), members);
        SnapshotView snapshot = status.lastSnapshot()
                .map(s -> new SnapshotView(s.index(), s.durationMillis(), s.bytes(), s.takenAt().toString()))
                .orElse(null);
        return new HealthReport(status.ready() ? HealthReport.READY : HealthReport.NOT_READY,
                Instant.now().toString(), cluster, snapshot, blobsView());
    }

    /**
     * Counts and bytes held (kept by the store, no disk walk), what the reconciler last found
     * missing, how many corrupt copies reads have caught since start, and the disk's headroom.
     */
    private BlobsView blobsView() {
        BlobStats stats = blobs.stats();
        return new BlobsView(stats.count(), stats.bytes(), missingBlobs.getAsLong(), stats.corruptionsDetected(),
                stats.freeBytes(), stats.reserveBytes());
    }
}
