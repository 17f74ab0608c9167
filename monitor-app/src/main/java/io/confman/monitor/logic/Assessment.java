package io.confman.monitor.logic;

/**
 * The cluster-wide reading of one poll round.
 *
 * @param status       HEALTHY, DEGRADED or NO QUORUM
 * @param leaderId     the leader's node id, or null when none is known
 * @param term         the highest term any reachable node reported (0 when none answered)
 * @param leaderCommit the leader's commit index (the highest reachable one when the leader itself
 *                     did not answer), or -1 when no node answered
 * @param reachable    how many nodes answered
 * @param clusterSize  how many members the cluster has
 */
public record Assessment(ClusterStatus status, String leaderId, long term, long leaderCommit,
                         int reachable, int clusterSize) {

    /** Votes needed for a quorum. */
    public int quorum() {
        return clusterSize / 2 + 1;
    }

    /**
     * How far a node's commit index is behind the leader's, never negative; -1 when unknown.
     */
    public long lagOf(long commitIndex) {
        return leaderCommit < 0 ? -1 : Math.max(0, leaderCommit - commitIndex);
    }
}
