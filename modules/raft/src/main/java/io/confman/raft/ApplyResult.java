package io.confman.raft;

import java.util.Objects;

/**
 * The outcome of applying one log entry. Every node computes the same result for the same entry at
 * the same index; the node that proposed the entry turns it into the HTTP answer.
 */
public sealed interface ApplyResult permits ApplyResult.Applied, ApplyResult.Rejected, ApplyResult.Skipped {

    /**
     * The command changed the state.
     *
     * @param change   what changed
     * @param revision the log index of the entry, now the revision of what it changed
     */
    record Applied(Change change, long revision) implements ApplyResult {
        public Applied {
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * The command was well formed but the business rules refused it; the state is unchanged except
     * for the applied index.
     *
     * @param reason         why
     * @param detail         a sentence for the problem detail
     * @param currentVersion the key's current version for {@link RejectReason#PRECONDITION_FAILED},
     *                       {@link #NO_VERSION} when the key does not exist or the reason is another
     */
    record Rejected(RejectReason reason, String detail, long currentVersion) implements ApplyResult {

        /** {@code currentVersion} when there is no current entry (versions start at 1). */
        public static final long NO_VERSION = 0;

        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The entry could not be decoded and was skipped (logged once and counted); the state is
     * unchanged except for the applied index.
     *
     * @param reason the decoder's explanation
     */
    record Skipped(String reason) implements ApplyResult {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
