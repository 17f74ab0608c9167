package io.confman.raft;

/**
 * A position in the Raft log: the term and index of one entry.
 *
 * @param term  the entry's term
 * @param index the entry's index; {@code -1} in {@link #INITIAL} only
 */
public record LogPosition(long term, long index) {

    /** Where a fresh state machine stands: nothing applied (Ratis's first index is 0). */
    public static final LogPosition INITIAL = new LogPosition(0, -1);

    public LogPosition {
        if (term < 0 || index < -1) {
            throw new IllegalArgumentException("invalid log position term=" + term + " index=" + index);
        }
    }
}
