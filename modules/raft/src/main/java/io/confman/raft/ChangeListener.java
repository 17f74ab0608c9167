package io.confman.raft;

import io.confman.codec.model.AuditEvent;
import java.util.List;

/**
 * Told about the changes the state machine applies, so that watchers can follow them: the one
 * seam through which applied changes leave the pure core.
 *
 * <p><b>Threads.</b> Called on the apply thread, in log order, after the entry's changes are
 * visible to queries and with no lock held; never concurrently with itself. An implementation must
 * not block or do I/O: it hands the events off (to bounded queues) and returns, since the apply
 * thread waits for it. It must not throw; whatever it throws is logged and ignored.
 */
public interface ChangeListener {

    /** A listener that ignores everything (the default of a state machine nobody watches). */
    ChangeListener NONE = new ChangeListener() {
        @Override
        public void applied(List<AuditEvent> events) {
        }

        @Override
        public void replaced() {
        }
    };

    /**
     * The changes of one log entry, in the order they were applied: the events its commands
     * recorded in the audit history (a namespace delete records one per deleted key, then its own),
     * with their revisions. Never empty; an entry that changed nothing is not reported.
     */
    void applied(List<AuditEvent> events);

    /**
     * The whole state was replaced (a snapshot installed from the leader, or a reset before a log
     * replay): changes since the last {@link #applied} call were not reported one by one, so a
     * watcher following them must start again from the history.
     */
    void replaced();
}
