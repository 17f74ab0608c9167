/*
 * Proves that the merged io.confman.ratis module is a working Ratis, not just a jar that compiles.
 *
 * Surefire runs this suite on the module path, patched into io.confman.ratis, so every ServiceLoader
 * lookup goes through the module's own `uses`/`provides` (on the class path a missing one would
 * never show). The suite starts a real three-peer Raft group over gRPC on 127.0.0.1 with free
 * ports and temporary storage, writes through a RaftClient and reads back through a follower with
 * the LINEARIZABLE read option. Each test is bounded by @Timeout.
 */
package io.confman.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class MergedRatisModuleTest {

    private static final String LOOPBACK = "127.0.0.1";
    private static final int PEER_COUNT = 3;
    private static final long LEADER_WAIT_MILLIS = 20_000;
    private static final long POLL_INTERVAL_MILLIS = 50;
    /** Above Ratis's 150-300 ms default, so a loaded 2-core build machine does not churn leaders. */
    private static final TimeDuration ELECTION_TIMEOUT_MIN = TimeDuration.valueOf(1000, TimeUnit.MILLISECONDS);
    private static final TimeDuration ELECTION_TIMEOUT_MAX = TimeDuration.valueOf(2000, TimeUnit.MILLISECONDS);
    private static final TimeDuration CLIENT_REQUEST_TIMEOUT = TimeDuration.valueOf(10, TimeUnit.SECONDS);
    private static final Message INCREMENT = Message.valueOf("increment");
    private static final Message GET = Message.valueOf("get");

    @TempDir
    Path storageRoot;

    private final List<RaftServer> servers = new ArrayList<>();
    private RaftClient client;

    @AfterEach
    void closeEverything() throws IOException {
        if (client != null) {
            client.close();
        }
        for (RaftServer server : servers) {
            server.close();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void ratisClassesLiveInOneExplicitNamedModule() {
        Module serverModule = RaftServer.class.getModule();
        ModuleDescriptor descriptor = serverModule.getDescriptor();

        assertTrue(serverModule.isNamed(), "Ratis must not run from the class path");
        assertEquals("io.confman.ratis", serverModule.getName());
        assertFalse(descriptor.isAutomatic(), "io.confman.ratis must be an explicit module");
        assertEquals(serverModule, RaftClient.class.getModule(), "client and server share one module");
        assertEquals(serverModule, BaseStateMachine.class.getModule(), "server-api and server share one module");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void linearizableReadOnFollowerSeesCommittedWrite() throws Exception {
        RaftGroup group = RaftGroup.valueOf(RaftGroupId.randomId(), loopbackPeers());
        for (RaftPeer peer : group.getPeers()) {
            servers.add(startServer(peer, group));
        }
        RaftPeerId leaderId = awaitLeader(group.getGroupId());
        RaftPeerId followerId = group.getPeers().stream()
                .map(RaftPeer::getId)
                .filter(id -> !id.equals(leaderId))
                .findFirst()
                .orElseThrow();
        client = RaftClient.newBuilder()
                .setProperties(clientProperties())
                .setRaftGroup(group)
                .build();

        RaftClientReply write = client.io().send(INCREMENT);
        RaftClientReply read = client.io().sendReadOnly(GET, followerId);

        assertTrue(write.isSuccess(), "write must commit: " + write);
        assertEquals("1", text(write.getMessage()));
        assertTrue(read.isSuccess(), "follower read must succeed: " + read);
        assertEquals(followerId, read.getServerId(), "the follower itself must answer the read");
        assertEquals("1", text(read.getMessage()), "a linearizable read must see the committed write");
    }

    /** Peers on distinct free ports: all sockets stay open until every port is known. */
    private List<RaftPeer> loopbackPeers() throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<RaftPeer> peers = new ArrayList<>();
            for (int i = 1; i <= PEER_COUNT; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
                held.add(socket);
                peers.add(RaftPeer.newBuilder()
                        .setId(RaftPeerId.valueOf("n" + i))
                        .setAddress(LOOPBACK + ":" + socket.getLocalPort())
                        .build());
            }
            return peers;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private RaftServer startServer(RaftPeer peer, RaftGroup group) throws IOException {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.GRPC);
        GrpcConfigKeys.Server.setHost(properties, LOOPBACK);
        GrpcConfigKeys.Server.setPort(properties, port(peer));
        RaftServerConfigKeys.setStorageDir(properties, List.of(storageRoot.resolve(peer.getId().toString()).toFile()));
        RaftServerConfigKeys.Rpc.setTimeoutMin(properties, ELECTION_TIMEOUT_MIN);
        RaftServerConfigKeys.Rpc.setTimeoutMax(properties, ELECTION_TIMEOUT_MAX);
        RaftServerConfigKeys.Read.setOption(properties, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServer server = RaftServer.newBuilder()
                .setServerId(peer.getId())
                .setGroup(group)
                .setProperties(properties)
                .setStateMachine(new CounterStateMachine())
                .setOption(RaftStorage.StartupOption.FORMAT)
                .build();
        server.start();
        return server;
    }

    private RaftProperties clientProperties() {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.GRPC);
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, CLIENT_REQUEST_TIMEOUT);
        return properties;
    }

    private RaftPeerId awaitLeader(RaftGroupId groupId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LEADER_WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            Optional<RaftPeerId> leader = currentLeader(groupId);
            if (leader.isPresent()) {
                return leader.get();
            }
            Thread.sleep(POLL_INTERVAL_MILLIS);
        }
        throw new AssertionError("no leader elected within " + LEADER_WAIT_MILLIS + " ms");
    }

    private Optional<RaftPeerId> currentLeader(RaftGroupId groupId) throws IOException {
        for (RaftServer server : servers) {
            RaftServer.Division division = server.getDivision(groupId);
            if (division.getInfo().isLeader() && division.getInfo().isLeaderReady()) {
                return Optional.of(server.getId());
            }
        }
        return Optional.empty();
    }

    private static int port(RaftPeer peer) {
        String address = peer.getAddress();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static String text(Message message) {
        return message.getContent().toString(StandardCharsets.UTF_8);
    }

    /** A counter: every log entry increments it; any query returns its value. */
    private static final class CounterStateMachine extends BaseStateMachine {
        private final AtomicLong counter = new AtomicLong();

        @Override
        public CompletableFuture<Message> applyTransaction(TransactionContext transaction) {
            LogEntryProto entry = transaction.getLogEntry();
            long value = counter.incrementAndGet();
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            return CompletableFuture.completedFuture(Message.valueOf(Long.toString(value)));
        }

        @Override
        public CompletableFuture<Message> query(Message request) {
            return CompletableFuture.completedFuture(Message.valueOf(Long.toString(counter.get())));
        }
    }
}
