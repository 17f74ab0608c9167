package io.confman.monitor.logic;

/** The cluster's overall state as the monitor sees it. */
public enum ClusterStatus {
    /** Every node answers ready and exactly one is leader. */
    HEALTHY("HEALTHY"),
    /** A leader and a quorum of reachable nodes, but some node is not ready or offline. */
    DEGRADED("DEGRADED"),
    /** No known leader, or fewer reachable nodes than a quorum. */
    NO_QUORUM("NO QUORUM");

    private final String label;

    ClusterStatus(String label) {
        this.label = label;
    }

    /** The text shown to the user. */
    public String label() {
        return label;
    }
}
