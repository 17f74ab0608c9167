package io.confman.web.blob;

import io.confman.blob.peer.Peer;
import io.confman.raft.node.ClusterMember;
import io.confman.raft.node.ClusterNode;
import io.confman.raft.node.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The other members of the group (as the Raft configuration lists them now) as blob peers, and the
 * size of a quorum of copies. Thread-safe; recomputed on each call because the leader and the
 * members change.
 */
public final class ClusterPeers {
    private final ClusterNode node;

    public ClusterPeers(ClusterNode node) {
        this.node = node;
    }

    /** Every member but this node, the current leader first (when known and not this node). */
    public List<Peer> leaderFirst() {
        Optional<String> leader = node.status().leaderId();
        List<Peer> peers = new ArrayList<>();
        for (Member member : node.members().stream().map(ClusterMember::member).toList()) {
            if (member.id().equals(node.nodeId())) {
                continue;
            }
            Peer peer = new Peer(member.id(), member.httpUrl());
            if (leader.isPresent() && leader.get().equals(member.id())) {
                peers.addFirst(peer);
            } else {
                peers.add(peer);
            }
        }
        return peers;
    }

    /**
     * How many peers must confirm a durable copy so that, with this node's own, a majority of the
     * members holds the blob (1 of 2 peers in a three-node group).
     */
    public int copiesNeeded() {
        int members = node.members().size();
        return members / 2;
    }
}
