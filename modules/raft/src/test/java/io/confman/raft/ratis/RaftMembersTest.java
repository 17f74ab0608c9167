package io.confman.raft.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.confman.raft.node.ClusterMember;
import io.confman.raft.node.Member;
import io.confman.raft.node.MembershipChangeRefused;
import java.net.URI;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.server.RaftConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The configuration changes {@link RaftMembers} asks Ratis for, computed from a stable
 * configuration of voters and listeners (an in-memory twin of Ratis's configuration).
 */
class RaftMembersTest {
    private static final Member N1 = member("node1", 6100);
    private static final Member N2 = member("node2", 6200);
    private static final Member N3 = member("node3", 6300);
    private static final Member N4 = member("node4", 6400);

    @Test
    void membersCarryTheirHttpUrlAndVotersComeFirst() {
        var conf = new Conf(List.of(RaftMembers.peer(N2, RaftPeerRole.FOLLOWER), RaftMembers.peer(N1,
                RaftPeerRole.FOLLOWER)), List.of(RaftMembers.peer(N4, RaftPeerRole.LISTENER)));
        assertEquals(List.of(new ClusterMember(N1, true), new ClusterMember(N2, true), new ClusterMember(N4, false)),
                RaftMembers.of(conf, List.of()));
    }

    @Test
    void aPeerWithoutUrlTakesTheConfiguredOne() {
        RaftPeer bare = RaftPeer.newBuilder().setId("node1").setAddress(N1.raftAddress()).build();
        assertEquals(List.of(new ClusterMember(N1, true)), RaftMembers.of(new Conf(List.of(bare), List.of()), List.of(N1)));
    }

    @Test
    void addingJoinsAsListenerAndPromotingMakesAVoterBothComparedWithTheCurrentConfiguration() {
        var three = conf(N1, N2, N3);
        SetConfigurationRequest.Arguments add = RaftMembers.addListener(three, N4);
        assertEquals(SetConfigurationRequest.Mode.COMPARE_AND_SET, add.getMode());
        assertEquals(List.of("node1", "node2", "node3"), ids(add.getServersInCurrentConf()));
        assertEquals(List.of("node1", "node2", "node3"), ids(add.getPeersInNewConf(RaftPeerRole.FOLLOWER)));
        assertEquals(List.of("node4"), ids(add.getPeersInNewConf(RaftPeerRole.LISTENER)));

        var withListener = new Conf(List.copyOf(three.getAllPeers(RaftPeerRole.FOLLOWER)),
                add.getPeersInNewConf(RaftPeerRole.LISTENER));
        SetConfigurationRequest.Arguments promote = RaftMembers.promote(withListener, "node4");
        assertEquals(List.of("node1", "node2", "node3", "node4"), ids(promote.getPeersInNewConf(RaftPeerRole.FOLLOWER)));
        assertEquals(List.of(), ids(promote.getPeersInNewConf(RaftPeerRole.LISTENER)));
        assertEquals(List.of("node4"), ids(promote.getListenersInCurrentConf()));
    }

    @Test
    void aTakenIdOrAddressIsAConflict() {
        var three = conf(N1, N2, N3);
        assertEquals(MembershipChangeRefused.Reason.CONFLICT,
                assertThrows(MembershipChangeRefused.class, () -> RaftMembers.addListener(three, N2)).reason());
        Member sameAddress = new Member("node9", URI.create("http://127.0.0.1:6900/"), "127.0.0.1", 7200);
        assertEquals(MembershipChangeRefused.Reason.CONFLICT,
                assertThrows(MembershipChangeRefused.class, () -> RaftMembers.addListener(three, sameAddress)).reason());
    }

    @Test
    void removingLeavesTheOthersAndRefusesAnUnknownIdAndTheLastVoter() {
        assertEquals(List.of("node1", "node3"), ids(RaftMembers.remove(conf(N1, N2, N3), "node2")
                .getPeersInNewConf(RaftPeerRole.FOLLOWER)));
        assertEquals(MembershipChangeRefused.Reason.UNKNOWN_MEMBER, assertThrows(MembershipChangeRefused.class,
                () -> RaftMembers.remove(conf(N1, N2), "node7")).reason());
        assertEquals(MembershipChangeRefused.Reason.NOT_NOW, assertThrows(MembershipChangeRefused.class,
                () -> RaftMembers.remove(conf(N1), "node1")).reason());
    }

    private static Member member(String id, int httpPort) {
        return new Member(id, URI.create("http://127.0.0.1:" + httpPort + "/"), "127.0.0.1", httpPort + 1000);
    }

    private static Conf conf(Member... voters) {
        return new Conf(Arrays.stream(voters).map(m -> RaftMembers.peer(m, RaftPeerRole.FOLLOWER)).toList(), List.of());
    }

    private static List<String> ids(Collection<RaftPeer> peers) {
        return peers.stream().map(p -> p.getId().toString()).sorted().toList();
    }

    /** A stable configuration: no previous one. */
    private record Conf(List<RaftPeer> voters, List<RaftPeer> listeners) implements RaftConfiguration {
        @Override
        public RaftPeer getPeer(RaftPeerId id, RaftPeerRole... roles) {
            return Stream.concat(voters.stream(), listeners.stream()).filter(p -> p.getId().equals(id)).findFirst()
                    .orElse(null);
        }

        @Override
        public Collection<RaftPeer> getAllPeers(RaftPeerRole role) {
            return getCurrentPeers(role);
        }

        @Override
        public Collection<RaftPeer> getCurrentPeers(RaftPeerRole role) {
            return role == RaftPeerRole.LISTENER ? listeners : role == RaftPeerRole.FOLLOWER ? voters : List.of();
        }

        @Override
        public Collection<RaftPeer> getPreviousPeers(RaftPeerRole role) {
            return List.of();
        }

        @Override
        public long getLogEntryIndex() {
            return 0;
        }
    }
}
