package io.confman.raft.ratis;

import io.confman.raft.node.RaftSettings;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto.TypeCase;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;

/**
 * Sends a follower's proposals and read barriers to the leader through a Ratis client of its own.
 *
 * <p>A request is retried while leaders change, under the same call id (so a leader that already
 * has it answers from its retry cache instead of applying it twice), and only while its caller is
 * still waiting: no attempt starts once less than two retry pauses are left of the request
 * timeout. A write its caller was told failed must not be sent again later, where it could commit
 * over newer writes. The outcome of an attempt that already reached the leader stays unknown, as
 * the caller is told.
 */
final class LeaderForwarder implements Closeable {
    private final RaftClient client;
    private final long timeoutMillis;

    /** {@code parameters}: the transport's, TLS included ({@link RatisProperties#parameters}). */
    LeaderForwarder(RaftSettings settings, RaftGroup group, Parameters parameters, long retrySleepMillis) {
        this.timeoutMillis = settings.requestTimeoutMillis();
        this.client = RaftClient.newBuilder()
                .setProperties(RatisProperties.client(settings))
                .setParameters(parameters)
                .setRaftGroup(group)
                .setRetryPolicy(retries(settings.requestTimeoutMillis(), retrySleepMillis))
                .build();
    }

    /** Retries writes every {@code sleepMillis} until less than two pauses are left of {@code timeoutMillis}. */
    static RetryPolicy retries(long timeoutMillis, long sleepMillis) {
        return RequestTypeDependentRetryPolicy.newBuilder()
                .setRetryPolicy(TypeCase.WRITE, RetryPolicies.retryForeverWithSleep(RatisProperties.millis(sleepMillis)))
                .setTimeout(TypeCase.WRITE, RatisProperties.millis(Math.max(0, timeoutMillis - 2 * sleepMillis)))
                .build();
    }

    /**
     * A blocking call on a virtual thread of its own, interrupted when the caller stops waiting.
     * (Ratis's ordered asynchronous stream was tried: once, after a period without a leader, it
     * did not recover for 60 s; see ForwardedWriteDeadlineTest.)
     */
    CompletableFuture<RaftClientReply> send(Message message) {
        CompletableFuture<RaftClientReply> reply = new CompletableFuture<>();
        Thread sender = Thread.ofVirtual().name("confman-forward").start(() -> {
            try {
                reply.complete(client.io().send(message));
            } catch (IOException | RuntimeException e) {
                reply.completeExceptionally(e);
            }
        });
        reply.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((ignored, failure) -> {
            if (failure != null) {
                sender.interrupt();
            }
        });
        return reply;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
