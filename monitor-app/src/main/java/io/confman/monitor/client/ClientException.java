package io.confman.monitor.client;

/**
 * A data-API call that did not succeed: the node answered an error status, could not be reached
 * in time, or sent something unreadable. The message is meant for the user.
 */
public final class ClientException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ClientException(String message, int status) {
        super(message);
        this.status = status;
    }

    public ClientException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status the node answered, or 0 when there was no answer. */
    public int status() {
        return status;
    }
}
