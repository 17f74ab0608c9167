package io.confman.raft.node;

import io.confman.raft.ConfigStateMachine;
import io.confman.raft.start.RaftNodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The {@link ClusterNodeContract} against real Ratis nodes: three members started in this JVM
 * through {@link RaftNodes#start}, on free loopback ports with storage in a temporary directory.
 * The writer and the reader are the two followers, so proposals are forwarded and their replies
 * cross the network; the quorum is taken away by closing both followers.
 */
class RatisClusterNodeContractTest extends ClusterNodeContract {

    @Override
    Group startGroup() throws Exception {
        Path dir = Files.createTempDirectory("contract-ratis");
        UUID groupId = UUID.randomUUID();
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            members.add(new Member("node" + i, URI.create("http://127.0.0.1:" + freePort() + "/"), "127.0.0.1",
                    freePort()));
        }
        Map<ClusterNode, ConfigStateMachine> states = new IdentityHashMap<>();
        List<ClusterNode> nodes = new ArrayList<>();
        for (Member member : members) {
            RaftSettings settings = new RaftSettings(member.id(), groupId, members, dir.resolve(member.id()),
                    500, 1_000, 4_000, 100, 10_000, RaftSettings.DEFAULT_LOG_SEGMENT_SIZE_BYTES, 2, Map.of(),
                    RaftSettings.InitialState.NEW);
            Files.createDirectories(settings.storageDir());
            ConfigStateMachine state = new ConfigStateMachine();
            ClusterNode node = RaftNodes.start(settings, state);
            nodes.add(node);
            states.put(node, state);
        }
        awaitTrue("a ready leader", () -> nodes.stream().anyMatch(n -> n.status().role() == NodeStatus.Role.LEADER
                && n.status().leaderReady()));
        ClusterNode leader = nodes.stream().filter(n -> n.status().role() == NodeStatus.Role.LEADER).findFirst()
                .orElseThrow();
        List<ClusterNode> followers = nodes.stream().filter(n -> n != leader).toList();
        awaitTrue("followers that know the leader", () -> followers.stream().allMatch(n -> n.status().ready()));
        return new Group() {
            @Override
            public ClusterNode leader() {
                return leader;
            }

            @Override
            public ClusterNode writer() {
                return followers.get(0);
            }

            @Override
            public ClusterNode reader() {
                return followers.get(1);
            }

            @Override
            public ConfigStateMachine state(ClusterNode node) {
                return states.get(node);
            }

            @Override
            public void cutOffQuorum(ClusterNode survivor) {
                nodes.stream().filter(n -> n != survivor).forEach(ClusterNode::close);
            }

            @Override
            public void close() {
                nodes.forEach(ClusterNode::close);
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
