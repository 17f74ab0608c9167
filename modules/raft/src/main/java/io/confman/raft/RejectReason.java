package io.confman.raft;

/** Why a well-formed command was rejected by the business rules; the web layer maps it to HTTP. */
public enum RejectReason {
    /** The namespace or key to delete does not exist (404). */
    NOT_FOUND,
    /** An {@code If-Match} version differed or {@code If-None-Match: *} found the key (412). */
    PRECONDITION_FAILED,
    /** The command's content breaks a rule, e.g. a blank key or a malformed SHA-256 (400). */
    INVALID
}
