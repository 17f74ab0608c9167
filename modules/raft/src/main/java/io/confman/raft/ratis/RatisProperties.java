package io.confman.raft.ratis;

import io.confman.raft.node.RaftSettings;
import io.confman.raft.node.RaftTls;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/** Translates Confman's settings into Ratis properties; every Ratis knob we rely on is set here. */
final class RatisProperties {

    /** Largest gRPC message between peers: a batch of appends or one snapshot chunk. */
    static final SizeInBytes GRPC_MESSAGE_SIZE_MAX = SizeInBytes.valueOf("32MB");
    /**
     * Bytes of entries the leader batches into one append: below the gRPC limit and below the log
     * write buffer (Ratis's default 8 MB) minus its framing.
     */
    static final SizeInBytes APPEND_BUFFER_BYTE_LIMIT = SizeInBytes.valueOf("4MB");
    /** Snapshot chunk size for InstallSnapshot; below the gRPC limit. */
    static final SizeInBytes SNAPSHOT_CHUNK_SIZE_MAX = SizeInBytes.valueOf("4MB");
    /**
     * Pause the leader's appender takes between two AppendEntries. Ratis's default (10 ms) adds up
     * to that much to every write of a low-rate writer; zero sends one AppendEntries per entry and,
     * with requests outstanding, an unpaced heartbeat on every wake-up. 1 ms measured best (see
     * docs/BENCHMARKS.md).
     */
    static final TimeDuration APPENDER_WAIT_TIME_MIN = TimeDuration.ONE_MILLISECOND;
    /** Snapshot files kept on disk (the newest is used; one older one for safety). */
    static final int SNAPSHOT_FILES_RETAINED = 2;

    private RatisProperties() {
    }

    static RaftProperties server(RaftSettings settings) {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(settings.storageDir().toFile()));
        GrpcConfigKeys.Server.setHost(p, settings.self().raftHost());
        GrpcConfigKeys.Server.setPort(p, settings.self().raftPort());
        GrpcConfigKeys.setMessageSizeMax(p, GRPC_MESSAGE_SIZE_MAX);
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, APPEND_BUFFER_BYTE_LIMIT);
        RaftServerConfigKeys.Log.Appender.setSnapshotChunkSizeMax(p, SNAPSHOT_CHUNK_SIZE_MAX);
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
        RaftServerConfigKeys.Log.Appender.setWaitTimeMin(p, APPENDER_WAIT_TIME_MIN);

        RaftServerConfigKeys.Rpc.setTimeoutMin(p, millis(settings.electionTimeoutMinMillis()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, millis(settings.electionTimeoutMaxMillis()));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, millis(settings.requestTimeoutMillis()));
        // Confman's own reads wait for barrier entries (RatisClusterNode#readBarrier); should a
        // read-only request reach Ratis, it gets Ratis's linearizable option, not the default.
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setTimeout(p, millis(settings.requestTimeoutMillis()));

        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, settings.snapshotIntervalEntries());
        RaftServerConfigKeys.Snapshot.setCreationGap(p, settings.snapshotIntervalEntries());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, SNAPSHOT_FILES_RETAINED);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        // Purge closed segments as soon as a snapshot covers them (Ratis waits for 1024 entries).
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(Integer.MAX_VALUE, settings.snapshotIntervalEntries()));
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(settings.logSegmentSizeBytes()));
        // Ratis's log-metadata entries (on by default) add a replicated, fsynced entry after commits
        // for a faster restart; the commit index is recovered from the log without them.
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        return withPassThrough(p, settings);
    }

    /**
     * The largest log entry Raft can send to a follower with these settings: one append carries
     * at most {@code raft.server.log.appender.buffer.byte-limit} bytes of entries in one gRPC
     * message of at most {@code raft.grpc.message.size.max}, each as configured ({@code raft.ratis}
     * wins over Confman's choices).
     */
    static long largestEntryBytes(RaftSettings settings) {
        RaftProperties p = server(settings);
        return Math.min(RaftServerConfigKeys.Log.Appender.bufferByteLimit(p).getSize(),
                GrpcConfigKeys.messageSizeMax(p, ignored -> { }).getSize());
    }

    /**
     * The gRPC transport's TLS, when given: mutual (each side presents its certificate and
     * requires one issued by the cluster CA), for peer traffic and this node's own client alike.
     * Ratis's server side uses Netty's OpenSSL engine, which the shaded netty-tcnative library in
     * io.confman.ratis provides (Linux x86_64).
     */
    static Parameters parameters(Optional<RaftTls> tls) {
        if (tls.isEmpty()) {
            return new Parameters();
        }
        RaftTls t = tls.get();
        return GrpcFactory.newRaftParameters(new GrpcTlsConfig(t.privateKey(), t.certificate(), t.authorities(), true));
    }

    static RaftProperties client(RaftSettings settings) {
        RaftProperties p = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, millis(settings.requestTimeoutMillis()));
        GrpcConfigKeys.setMessageSizeMax(p, GRPC_MESSAGE_SIZE_MAX);
        return withPassThrough(p, settings);
    }

    /** The operator's {@code raft.ratis} properties, set last so that they win over the choices above. */
    private static RaftProperties withPassThrough(RaftProperties p, RaftSettings settings) {
        settings.ratisProperties().forEach(p::set);
        return p;
    }

    static TimeDuration millis(long millis) {
        return TimeDuration.valueOf(millis, TimeUnit.MILLISECONDS);
    }
}
