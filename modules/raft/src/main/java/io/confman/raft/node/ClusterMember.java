package io.confman.raft.node;

import java.util.Objects;

/**
 * A member of the Raft group as the current Raft configuration lists it.
 *
 * @param member its id and addresses
 * @param voting true for a voter; false for a non-voting member (a Ratis listener) that receives
 *               the log and is promoted once it has caught up
 */
public record ClusterMember(Member member, boolean voting) {

    public ClusterMember {
        Objects.requireNonNull(member, "member");
    }

    public String id() {
        return member.id();
    }
}
