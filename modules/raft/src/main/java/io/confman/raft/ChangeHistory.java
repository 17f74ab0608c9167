package io.confman.raft;

import io.confman.codec.model.AuditEvent;
import java.util.List;

/**
 * The retained changes of one namespace after a revision, for a watcher that starts or resumes
 * there; read atomically with the newest revision of the whole state.
 *
 * @param complete             false when changes after the asked revision may have dropped out of
 *                             the bounded history (then {@code events} is empty)
 * @param events               the changes after the asked revision, oldest first
 * @param lastRevision         the newest revision of the whole state when the history was read:
 *                             every later change has a higher revision
 * @param earliestAfterRevision the lowest revision a watcher can resume after and still receive
 *                             every change of the namespace
 */
public record ChangeHistory(boolean complete, List<AuditEvent> events, long lastRevision,
                            long earliestAfterRevision) {
    public ChangeHistory {
        events = List.copyOf(events);
    }
}
