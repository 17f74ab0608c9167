package io.confman.monitor.model;

import io.confman.codec.wire.BlobsView;
import io.confman.codec.wire.ClusterView;
import io.confman.codec.wire.HealthReport;
import io.confman.codec.wire.SnapshotView;
import io.confman.monitor.client.NodePoll;
import io.confman.monitor.logic.Assessment;
import io.confman.monitor.logic.Formats;
import java.net.URI;
import java.time.ZoneId;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One node's row in the cluster table: display-ready, read-only properties, changed only on the
 * FX thread by {@link MonitorModel}.
 */
public final class NodeRow {

    /** The state text of a node that did not answer the last probe. */
    public static final String OFFLINE = "OFFLINE";
    static final String UNKNOWN = "–";

    private final URI url;
    private final ReadOnlyStringWrapper name;
    private final ReadOnlyStringWrapper role = new ReadOnlyStringWrapper(UNKNOWN);
    private final ReadOnlyStringWrapper term = new ReadOnlyStringWrapper(UNKNOWN);
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("waiting");
    private final ReadOnlyStringWrapper commit = new ReadOnlyStringWrapper(UNKNOWN);
    private final ReadOnlyStringWrapper applied = new ReadOnlyStringWrapper(UNKNOWN);
    private final ReadOnlyStringWrapper lag = new ReadOnlyStringWrapper(UNKNOWN);
    private final ReadOnlyStringWrapper snapshot = new ReadOnlyStringWrapper(UNKNOWN);
    private final ReadOnlyStringWrapper blobs = new ReadOnlyStringWrapper(UNKNOWN);
    private final ReadOnlyStringWrapper lastPoll = new ReadOnlyStringWrapper(UNKNOWN);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper offline = new ReadOnlyBooleanWrapper(false);

    NodeRow(URI url) {
        this.url = url;
        this.name = new ReadOnlyStringWrapper(Formats.hostPort(url));
    }

    /** Shows one probe's outcome, judged against the round's assessment. */
    void show(NodePoll poll, String displayName, Assessment assessment, ZoneId zone) {
        name.set(displayName);
        lastPoll.set(Formats.clock(poll.at(), zone));
        offline.set(!poll.reachable());
        if (!poll.reachable()) {
            // Term, indexes and snapshot stay as last seen; a role would claim something no one knows.
            state.set(OFFLINE);
            detail.set(poll.error());
            role.set(UNKNOWN);
            lag.set(UNKNOWN);
            return;
        }
        HealthReport report = poll.report();
        ClusterView cluster = report.cluster();
        state.set(report.ready() ? "ready" : "not ready");
        detail.set("");
        role.set(cluster.role() == null ? UNKNOWN : cluster.role());
        term.set(Long.toString(cluster.term()));
        commit.set(Long.toString(cluster.commitIndex()));
        applied.set(Long.toString(cluster.appliedIndex()));
        long behind = assessment.lagOf(cluster.commitIndex());
        lag.set(behind < 0 ? UNKNOWN : Long.toString(behind));
        snapshot.set(describe(report.snapshot()));
        blobs.set(describe(report.blobs()));
    }

    private static String describe(SnapshotView view) {
        return view == null ? "none" : "#" + view.index() + " · " + view.durationMs() + " ms · " + Formats.bytes(view.bytes());
    }

    private static String describe(BlobsView view) {
        if (view == null) {
            return UNKNOWN;
        }
        StringBuilder text = new StringBuilder(view.count() + " · " + Formats.bytes(view.bytes()) + " · "
                + view.missing() + " missing");
        if (view.corrupt() > 0) {
            text.append(" · ").append(view.corrupt()).append(" corrupt");
        }
        if (view.atReserve()) {
            text.append(" · DISK AT RESERVE, blob writes refused");
        } else if (view.freeBytes() >= 0) {
            text.append(" · ").append(Formats.bytes(view.freeBytes())).append(" free");
        }
        return text.toString();
    }

    public URI url() {
        return url;
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty roleProperty() {
        return role.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty termProperty() {
        return term.getReadOnlyProperty();
    }

    /** {@code ready}, {@code not ready}, {@link #OFFLINE} or {@code waiting} before the first round. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty commitProperty() {
        return commit.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty appliedProperty() {
        return applied.getReadOnlyProperty();
    }

    /** Entries behind the leader's commit index. */
    public ReadOnlyStringProperty lagProperty() {
        return lag.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty blobsProperty() {
        return blobs.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastPollProperty() {
        return lastPoll.getReadOnlyProperty();
    }

    /** Why the node is offline, empty otherwise. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty offlineProperty() {
        return offline.getReadOnlyProperty();
    }
}
