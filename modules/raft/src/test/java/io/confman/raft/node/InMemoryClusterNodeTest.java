package io.confman.raft.node;

import io.confman.raft.ConfigStateMachine;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@link ClusterNodeContract} against {@link InMemoryClusterNode}: one node plays every part. */
class InMemoryClusterNodeTest extends ClusterNodeContract {

    @Override
    Group startGroup() {
        Member self = new Member("node1", URI.create("http://127.0.0.1:1/"), "127.0.0.1", 2);
        RaftSettings settings = new RaftSettings("node1", UUID.randomUUID(), List.of(self), Path.of("unused"),
                1_000, 3_000, 10_000, 100, 10_000, 1 << 20, 2, Map.of(), RaftSettings.InitialState.NEW);
        ConfigStateMachine state = new ConfigStateMachine();
        InMemoryClusterNode node = new InMemoryClusterNode(settings, state);
        return new Group() {
            @Override
            public ClusterNode leader() {
                return node;
            }

            @Override
            public ClusterNode writer() {
                return node;
            }

            @Override
            public ClusterNode reader() {
                return node;
            }

            @Override
            public ConfigStateMachine state(ClusterNode ignored) {
                return state;
            }

            @Override
            public void cutOffQuorum(ClusterNode survivor) {
                node.isolate(true);
            }

            @Override
            public void close() {
                node.close();
            }
        };
    }
}
