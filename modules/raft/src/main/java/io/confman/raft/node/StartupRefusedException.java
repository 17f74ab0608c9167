package io.confman.raft.node;

/**
 * A node refuses to start because its configuration or its stored state is not usable. The
 * message is one line telling the operator what to change.
 */
public final class StartupRefusedException extends RuntimeException {
    public StartupRefusedException(String message) {
        super(message);
    }

    public StartupRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
