package io.confman.raft.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What "ready" means (API.md: caught up): a leader that has committed in its term; a follower that
 * knows the leader's commit index and has applied to within {@link NodeStatus#READY_LAG_ENTRIES}
 * of it. Knowing who leads is not enough.
 */
class NodeStatusTest {
    private static final Optional<String> LEADER = Optional.of("node1");

    @Test
    void aFollowerFarBehindTheLeadersCommitIndexIsNotReadyThoughItKnowsTheLeader() {
        assertFalse(follower(LEADER, 500, 5_000).ready());
    }

    @Test
    void aFollowerWithinTheBoundOfTheLeadersCommitIndexIsReady() {
        assertTrue(follower(LEADER, 5_000, 5_000).ready());
        assertTrue(follower(LEADER, 5_000 - NodeStatus.READY_LAG_ENTRIES, 5_000).ready());
        assertFalse(follower(LEADER, 5_000 - NodeStatus.READY_LAG_ENTRIES - 1, 5_000).ready());
    }

    @Test
    void aFollowerThatHasNotHeardTheLeadersCommitIndexOrKnowsNoLeaderIsNotReady() {
        assertFalse(follower(LEADER, 10, NodeStatus.UNKNOWN_INDEX).ready());
        assertFalse(follower(Optional.empty(), 10, 10).ready());
    }

    @Test
    void aLeaderIsReadyOnceItHasCommittedInItsTerm() {
        assertTrue(new NodeStatus(NodeStatus.Role.LEADER, LEADER, true, 2, 10, 10, 10, Optional.empty()).ready());
        assertFalse(new NodeStatus(NodeStatus.Role.LEADER, LEADER, false, 2, 10, 10, 10, Optional.empty()).ready());
    }

    private static NodeStatus follower(Optional<String> leader, long applied, long leaderCommit) {
        return new NodeStatus(NodeStatus.Role.FOLLOWER, leader, false, 2, applied, applied, leaderCommit,
                Optional.empty());
    }
}
