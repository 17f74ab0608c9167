package io.confman.raft;

import io.confman.codec.command.Command;
import io.confman.codec.command.ConfigCommand;
import io.confman.codec.command.Preconditions;
import io.confman.codec.command.SetConfigBlobRef;
import io.confman.codec.model.BlobRef;

/**
 * The content rules a well-formed command must meet to be applied. The web layer checks the same
 * and more (name patterns, sizes) before proposing; these checks exist so that a command that slips
 * past it is rejected identically on every node rather than stored.
 */
final class CommandValidation {

    private CommandValidation() {
    }

    /** Why {@code command} is invalid, or null when it is valid. */
    static String invalidReason(Command command) {
        if (command.namespace().isBlank()) {
            return "namespace must not be blank";
        }
        if (command.actor().isBlank()) {
            return "actor must not be blank";
        }
        if (command.timestamp().isBlank()) {
            return "timestamp must not be blank";
        }
        if (command instanceof ConfigCommand config) {
            if (config.key().isBlank()) {
                return "key must not be blank";
            }
            Preconditions preconditions = config.preconditions();
            if (preconditions.createOnly() && preconditions.hasIfMatch()) {
                return "If-Match and If-None-Match: * exclude each other";
            }
            if (preconditions.ifMatchVersion() != null && preconditions.ifMatchRevision() != null) {
                return "one If-Match form at a time: a version or a revision";
            }
        }
        if (command instanceof SetConfigBlobRef blob) {
            if (!BlobRef.isSha256Hex(blob.sha256())) {
                return "sha256 must be 64 lowercase hex characters";
            }
            if (blob.size() < 0) {
                return "blob size must not be negative";
            }
            if (blob.contentType().isBlank()) {
                return "contentType must not be blank";
            }
        }
        return null;
    }
}
