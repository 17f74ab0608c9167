package io.confman.raft.node;

/**
 * The Raft group could not serve a request right now; retrying later may succeed. The web layer
 * maps these to 503 with {@code Retry-After}.
 */
public abstract sealed class RaftUnavailableException extends RuntimeException {

    RaftUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No leader is known (an election is running, or no quorum is reachable). */
    public static final class NoLeader extends RaftUnavailableException {
        public NoLeader(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The request was not committed (or the read not confirmed) within the request timeout. */
    public static final class Timeout extends RaftUnavailableException {
        public Timeout(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
