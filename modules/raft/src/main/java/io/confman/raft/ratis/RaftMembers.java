package io.confman.raft.ratis;

import io.confman.raft.node.ClusterMember;
import io.confman.raft.node.Member;
import io.confman.raft.node.MembershipChangeRefused;
import io.confman.raft.node.MembershipChangeRefused.Reason;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.server.RaftConfiguration;

/**
 * Confman members as Ratis peers and back, and the configuration changes that add, promote and
 * remove one.
 *
 * <p>A member's HTTP URL travels in the Raft configuration with its peer, in the peer's data
 * stream address: Confman runs no Ratis data streams, so Ratis never reads that field, and every
 * member learns the URL of a member added at run time from the log. Peers of a configuration
 * written before URLs were carried fall back to the static member list.
 *
 * <p>Every change is a compare-and-set on the configuration this node sees: when it moved on
 * meanwhile, Ratis refuses the change and nothing happens.
 */
final class RaftMembers {
    private static final Comparator<ClusterMember> BY_ID = Comparator.comparing(ClusterMember::id);

    private RaftMembers() {
    }

    static RaftPeer peer(Member member, RaftPeerRole startupRole) {
        return RaftPeer.newBuilder().setId(member.id()).setAddress(member.raftAddress())
                .setDataStreamAddress(member.httpUrl().toString()).setStartupRole(startupRole).build();
    }

    /** Voters first by id, then non-voters by id; URLs the configuration lacks come from {@code known}. */
    static List<ClusterMember> of(RaftConfiguration conf, List<Member> known) {
        Map<String, Member> byId = known.stream().collect(Collectors.toMap(Member::id, Function.identity()));
        List<ClusterMember> members = new ArrayList<>();
        conf.getAllPeers(RaftPeerRole.FOLLOWER).stream().map(p -> new ClusterMember(member(p, byId), true))
                .sorted(BY_ID).forEach(members::add);
        conf.getAllPeers(RaftPeerRole.LISTENER).stream().map(p -> new ClusterMember(member(p, byId), false))
                .sorted(BY_ID).forEach(members::add);
        return members;
    }

    private static Member member(RaftPeer peer, Map<String, Member> known) {
        String id = peer.getId().toString();
        String url = peer.getDataStreamAddress();
        if (url == null || url.isBlank()) {
            Member configured = known.get(id);
            url = configured != null ? configured.httpUrl().toString() : "http://unknown/";
        }
        String address = peer.getAddress();
        int colon = address.lastIndexOf(':');
        return new Member(id, URI.create(url), address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }

    /** {@code member} joins as a non-voter. */
    static SetConfigurationRequest.Arguments addListener(RaftConfiguration conf, Member member) {
        for (RaftPeer p : all(conf)) {
            boolean sameId = p.getId().toString().equals(member.id());
            if (sameId && p.getAddress().equals(member.raftAddress())) {
                throw new MembershipChangeRefused(Reason.CONFLICT, "member " + member.id() + " is already in the"
                        + " group (remove it first to replace it)");
            }
            if (sameId || p.getAddress().equals(member.raftAddress())) {
                throw new MembershipChangeRefused(Reason.CONFLICT, "member " + p.getId() + " already uses id "
                        + member.id() + " or raft address " + member.raftAddress());
            }
        }
        List<RaftPeer> listeners = new ArrayList<>(conf.getAllPeers(RaftPeerRole.LISTENER));
        listeners.add(peer(member, RaftPeerRole.LISTENER));
        return change(conf, new ArrayList<>(conf.getAllPeers(RaftPeerRole.FOLLOWER)), listeners);
    }

    /** The non-voter {@code id} becomes a voter. */
    static SetConfigurationRequest.Arguments promote(RaftConfiguration conf, String id) {
        RaftPeer listener = conf.getAllPeers(RaftPeerRole.LISTENER).stream()
                .filter(p -> p.getId().toString().equals(id)).findFirst()
                .orElseThrow(() -> new MembershipChangeRefused(Reason.UNKNOWN_MEMBER, id + " is no non-voting member"));
        List<RaftPeer> voters = new ArrayList<>(conf.getAllPeers(RaftPeerRole.FOLLOWER));
        voters.add(RaftPeer.newBuilder(listener).setStartupRole(RaftPeerRole.FOLLOWER).build());
        List<RaftPeer> listeners = conf.getAllPeers(RaftPeerRole.LISTENER).stream()
                .filter(p -> !p.getId().toString().equals(id)).toList();
        return change(conf, voters, listeners);
    }

    /** Member {@code id} leaves; the last voter cannot. */
    static SetConfigurationRequest.Arguments remove(RaftConfiguration conf, String id) {
        if (all(conf).stream().noneMatch(p -> p.getId().toString().equals(id))) {
            throw new MembershipChangeRefused(Reason.UNKNOWN_MEMBER, "no member has id " + id);
        }
        List<RaftPeer> voters = conf.getAllPeers(RaftPeerRole.FOLLOWER).stream()
                .filter(p -> !p.getId().toString().equals(id)).toList();
        if (voters.isEmpty()) {
            throw new MembershipChangeRefused(Reason.NOT_NOW, id + " is the last voting member: add another first");
        }
        List<RaftPeer> listeners = conf.getAllPeers(RaftPeerRole.LISTENER).stream()
                .filter(p -> !p.getId().toString().equals(id)).toList();
        return change(conf, voters, listeners);
    }

    private static SetConfigurationRequest.Arguments change(RaftConfiguration conf, List<RaftPeer> voters,
                                                            List<RaftPeer> listeners) {
        return SetConfigurationRequest.Arguments.newBuilder()
                .setServersInCurrentConf(new ArrayList<>(conf.getAllPeers(RaftPeerRole.FOLLOWER)))
                .setListenersInCurrentConf(new ArrayList<>(conf.getAllPeers(RaftPeerRole.LISTENER)))
                .setServersInNewConf(voters)
                .setListenersInNewConf(listeners)
                .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
                .build();
    }

    private static List<RaftPeer> all(RaftConfiguration conf) {
        List<RaftPeer> all = new ArrayList<>(conf.getAllPeers(RaftPeerRole.FOLLOWER));
        Collection<RaftPeer> listeners = conf.getAllPeers(RaftPeerRole.LISTENER);
        all.addAll(listeners);
        return all;
    }
}
