package io.confman.codec.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One node's view of the Raft group, as reported in {@code /health/ready}.
 *
 * @param role         {@code "leader"}, {@code "follower"} or {@code "candidate"}
 * @param leaderKnown  whether this node currently knows a leader
 * @param leader       the leader's HTTP base URL (with trailing slash), or null
 * @param term         the current Raft term as this node sees it
 * @param nodeId       this node's id
 * @param commitIndex  the highest log index this node knows to be committed
 * @param appliedIndex the highest log index applied to this node's state machine
 * @param members      the configured members, identical on every node
 */
@JsonPropertyOrder({"role", "leaderKnown", "leader", "term", "nodeId", "commitIndex", "appliedIndex", "members"})
public record ClusterView(String role, boolean leaderKnown, String leader, long term, String nodeId,
                          long commitIndex, long appliedIndex, List<MemberView> members) {

    public static final String LEADER = "leader";
    public static final String FOLLOWER = "follower";
    public static final String CANDIDATE = "candidate";

    public ClusterView {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
