package io.confman.raft.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.apache.ratis.client.retry.ClientRetryEvent;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.util.Timestamp;
import org.junit.jupiter.api.Test;

/**
 * A forwarded request is retried, a pause apart, while its caller still waits, and no attempt
 * starts once less than two pauses are left of the request timeout, counted from when the request
 * was first sent: a write its caller was told failed is never sent again later.
 */
class LeaderForwarderTest {
    private static final long TIMEOUT = 1_000;
    private static final long PAUSE = 100;
    private final RetryPolicy retries = LeaderForwarder.retries(TIMEOUT, PAUSE);

    @Test
    void retriesAPauseApartWhileTheCallerWaits() {
        RetryPolicy.Action action = retries.handleAttemptFailure(failedAfter(0));
        assertTrue(action.shouldRetry());
        assertEquals(PAUSE, action.getSleepTime().toLong(java.util.concurrent.TimeUnit.MILLISECONDS));
        assertTrue(retries.handleAttemptFailure(failedAfter(TIMEOUT - 3 * PAUSE)).shouldRetry());
    }

    @Test
    void startsNoAttemptThatCouldOutliveTheCallersWait() {
        assertFalse(retries.handleAttemptFailure(failedAfter(TIMEOUT - 2 * PAUSE)).shouldRetry());
        assertFalse(retries.handleAttemptFailure(failedAfter(TIMEOUT + 5_000)).shouldRetry());
        assertFalse(LeaderForwarder.retries(150, PAUSE).handleAttemptFailure(failedAfter(0)).shouldRetry(),
                "a timeout shorter than two pauses leaves no time for a retry");
    }

    /** The failure of a write request first sent {@code millisAgo} ago. */
    private static ClientRetryEvent failedAfter(long millisAgo) {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(ClientId.randomId())
                .setServerId(RaftPeerId.valueOf("node1"))
                .setGroupId(RaftGroupId.randomId())
                .setCallId(1)
                .setMessage(Message.EMPTY)
                .setType(RaftClientRequest.writeRequestType())
                .build();
        return new ClientRetryEvent(1, request, 1, new IOException("no leader"),
                Timestamp.currentTime().addTimeMs(-millisAgo));
    }
}
