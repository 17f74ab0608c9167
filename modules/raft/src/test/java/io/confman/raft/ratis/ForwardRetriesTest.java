package io.confman.raft.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.apache.ratis.retry.RetryPolicy;
import org.junit.jupiter.api.Test;

/**
 * The Raft client's retry policy is bound to the calling thread's deadline: a call made under
 * {@link RatisClusterNode#withDeadline} is retried while time is left and never after, an
 * interrupted thread (its caller was answered) retries nothing, and a thread without a deadline
 * retries nothing either, so no write is sent again after its caller was told it failed.
 */
class ForwardRetriesTest {

    private static final RetryPolicy.Event FAILED_ONCE = () -> 1;

    @Test
    void retriesWhileTheDeadlineIsAheadAndNotAfter() throws IOException {
        assertTrue(RatisClusterNode.withDeadline(10_000,
                () -> RatisClusterNode.FORWARD_RETRIES.handleAttemptFailure(FAILED_ONCE).shouldRetry()));
        assertFalse(RatisClusterNode.withDeadline(50,
                () -> RatisClusterNode.FORWARD_RETRIES.handleAttemptFailure(FAILED_ONCE).shouldRetry()),
                "less time left than one pause between attempts");
    }

    @Test
    void withoutADeadlineOrOnceInterruptedNothingIsRetried() throws IOException {
        assertEquals(RetryPolicy.NO_RETRY_ACTION, RatisClusterNode.FORWARD_RETRIES.handleAttemptFailure(FAILED_ONCE));
        boolean retried = RatisClusterNode.withDeadline(10_000, () -> {
            Thread.currentThread().interrupt();
            try {
                return RatisClusterNode.FORWARD_RETRIES.handleAttemptFailure(FAILED_ONCE).shouldRetry();
            } finally {
                Thread.interrupted();
            }
        });
        assertFalse(retried);
        assertFalse(RatisClusterNode.withDeadline(10_000, () -> "done").isEmpty());
        assertEquals(RetryPolicy.NO_RETRY_ACTION, RatisClusterNode.FORWARD_RETRIES.handleAttemptFailure(FAILED_ONCE),
                "the deadline ends with the call");
    }
}
