package io.confman.monitor.view;

/** Node ids of the controls that tests and style sheets look up. */
public final class ViewIds {

    public static final String STATUS = "statusText";
    public static final String KEY_SEARCH = "keySearch";
    public static final String LEADER = "leaderText";
    public static final String TERM = "termText";
    public static final String NODE_TABLE = "nodeTable";
    public static final String TIMELINE = "timeline";
    public static final String COMMIT_CHART = "commitChart";
    public static final String RATE_CHART = "rateChart";
    public static final String SNAPSHOT_CHART = "snapshotChart";
    public static final String FSYNC_CHART = "fsyncChart";
    public static final String APPLY_LAG_CHART = "applyLagChart";
    public static final String NODES_FIELD = "nodesField";
    public static final String API_KEY_FIELD = "apiKeyField";
    public static final String INTERVAL_FIELD = "intervalField";
    public static final String CONNECT_BUTTON = "connectButton";
    public static final String NAMESPACE_LIST = "namespaceList";
    public static final String ENTRY_TABLE = "entryTable";
    public static final String VALUE_PREVIEW = "valuePreview";
    public static final String AUDIT_TABLE = "auditTable";
    public static final String SAVE_BUTTON = "saveButton";

    private ViewIds() {
    }
}
