package io.confman.web.problem;

import io.helidon.http.Status;

/**
 * Every kind of error the node answers, with its HTTP status and the problem {@code title}. This
 * enum is the status mapping: handlers name a kind, never a status code.
 */
public enum ProblemType {
    INVALID_REQUEST(Status.BAD_REQUEST_400, "Invalid request", "invalid-request"),
    UNAUTHENTICATED(Status.UNAUTHORIZED_401, "Authentication required", "unauthenticated"),
    FORBIDDEN(Status.FORBIDDEN_403, "Forbidden", "forbidden"),
    NOT_FOUND(Status.NOT_FOUND_404, "Not found", "not-found"),
    METHOD_NOT_ALLOWED(Status.METHOD_NOT_ALLOWED_405, "Method not allowed", "method-not-allowed"),
    REQUEST_TIMEOUT(Status.REQUEST_TIMEOUT_408, "Request timeout", "request-timeout"),
    /**
     * The request does not fit the resource's current state: a membership change that clashes with
     * the members (a taken id or address, the last voter), an upload part at the wrong offset.
     */
    CONFLICT(Status.CONFLICT_409, "Conflict", "conflict"),
    HISTORY_EXPIRED(Status.GONE_410, "History expired", "history-expired"),
    PRECONDITION_FAILED(Status.PRECONDITION_FAILED_412, "Precondition failed", "precondition-failed"),
    PAYLOAD_TOO_LARGE(Status.REQUEST_ENTITY_TOO_LARGE_413, "Payload too large", "payload-too-large"),
    /** A Range outside the value; the answer carries {@code Content-Range: bytes *}{@code /<size>}. */
    RANGE_NOT_SATISFIABLE(Status.REQUESTED_RANGE_NOT_SATISFIABLE_416, "Range not satisfiable",
            "range-not-satisfiable"),
    UNSUPPORTED_MEDIA_TYPE(Status.UNSUPPORTED_MEDIA_TYPE_415, "Unsupported media type", "unsupported-media-type"),
    INTERNAL_ERROR(Status.INTERNAL_SERVER_ERROR_500, "Internal server error", "internal-error"),
    /** The data disk is at its reserve ({@code blob.reserveFreeBytes}): no room for a value. */
    INSUFFICIENT_STORAGE(Status.INSUFFICIENT_STORAGE_507, "Insufficient storage", "insufficient-storage"),
    NO_LEADER(Status.SERVICE_UNAVAILABLE_503, "No leader available", "no-leader"),
    REPLICATION_FAILED(Status.SERVICE_UNAVAILABLE_503, "Replication failed", "replication-failed"),
    READ_NOT_CONFIRMED(Status.SERVICE_UNAVAILABLE_503, "Read not confirmed", "read-not-confirmed"),
    TOO_MANY_WATCHERS(Status.SERVICE_UNAVAILABLE_503, "Too many watchers", "too-many-watchers"),
    /** Every upload slot of the node ({@code blob.maxConcurrentUploads}) stayed busy. */
    TOO_MANY_UPLOADS(Status.SERVICE_UNAVAILABLE_503, "Too many uploads", "too-many-uploads"),
    /** A blob-backed value this node lacks a good copy of and could not fetch from a peer. */
    BLOB_UNAVAILABLE(Status.SERVICE_UNAVAILABLE_503, "Value unavailable", "blob-unavailable"),
    /**
     * The write was committed but the state machine that answered could not decode it, so it
     * changed nothing: members that read the log differently, e.g. in the middle of an upgrade.
     */
    COMMAND_NOT_APPLIED(Status.SERVICE_UNAVAILABLE_503, "Command not applied", "command-not-applied");

    /** Prefix of every problem {@code type} URI. */
    public static final String TYPE_PREFIX = "urn:confman:problem:";

    private final Status status;
    private final String title;
    private final String slug;

    ProblemType(Status status, String title, String slug) {
        this.status = status;
        this.title = title;
        this.slug = slug;
    }

    public Status status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem {@code type} URI, e.g. {@code urn:confman:problem:not-found}. */
    public String typeUri() {
        return TYPE_PREFIX + slug;
    }

    /** Whether a client should retry later; such answers carry {@code Retry-After}. */
    public boolean retryable() {
        return status.code() == Status.SERVICE_UNAVAILABLE_503.code();
    }
}
