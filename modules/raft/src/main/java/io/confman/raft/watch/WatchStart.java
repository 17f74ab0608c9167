package io.confman.raft.watch;

import io.confman.codec.model.AuditEvent;
import java.util.List;

/** What {@link ChangeFeed#open} answers: a started watch, or why none could start. */
public sealed interface WatchStart permits WatchStart.Started, WatchStart.Expired, WatchStart.Full {

    /**
     * The watch runs.
     *
     * @param watch   the live part: changes applied after {@code backlog}; the caller closes it
     * @param backlog the retained changes after the asked revision, oldest first, to send first
     */
    record Started(Watch watch, List<AuditEvent> backlog) implements WatchStart {
        public Started {
            backlog = List.copyOf(backlog);
        }
    }

    /**
     * Changes after the asked revision may have dropped out of the bounded history.
     *
     * @param earliestAfterRevision the lowest revision a watch of this namespace can start after
     */
    record Expired(long earliestAfterRevision) implements WatchStart {
    }

    /**
     * The node already serves as many watches as it allows.
     *
     * @param maxWatchers that number
     */
    record Full(int maxWatchers) implements WatchStart {
    }
}
