package io.confman.launcher.chaos;

/**
 * One client operation on one key, as the history records it.
 *
 * <p>Values are opaque strings, unique per write ({@code null} means the key is absent); a raw
 * (blob) value is named by the SHA-256 of its bytes. A read's {@code value} is what it saw. A
 * compare-and-swap names the value it expects (the one its tag was read with) and the value it
 * writes. Times are {@link System#nanoTime} readings: when the request was sent and when its answer
 * (or failure) arrived; an {@link Outcome#UNKNOWN} operation may take effect at any time after
 * {@code invokeNanos}, or never.
 *
 * @param revision the revision the answer named (ETag {@code "r<n>"}), or -1
 */
public record Op(long id, int client, String key, Kind kind, String value, String expected, long invokeNanos,
                 long completeNanos, Outcome outcome, Result result, long revision) {

    /** What the operation does to the key's register. */
    public enum Kind { READ, WRITE, CAS, DELETE }

    /** Whether the operation is known to have happened. */
    public enum Outcome {
        /** Answered; {@link Result} says what it observed. */
        OK,
        /** Known not to have taken effect (refused before anything was proposed, or a read that failed). */
        FAIL,
        /** No answer, or an answer that does not say: it may take effect at any later time, or never. */
        UNKNOWN
    }

    /** What an answered operation observed. */
    public enum Result {
        /** Applied (a write, a CAS that matched, a delete of a present key) or a read that found the value. */
        DONE,
        /** A read or delete that found the key absent (404). */
        NOT_FOUND,
        /** A CAS whose expected value was not the current one (412). */
        PRECONDITION_FAILED,
        /** No result (failed or unknown operations). */
        NONE
    }

    public static Op read(long id, int client, String key, String seen, long invoke, long complete, long revision) {
        return new Op(id, client, key, Kind.READ, seen, null, invoke, complete, Outcome.OK,
                seen == null ? Result.NOT_FOUND : Result.DONE, revision);
    }

    public static Op write(long id, int client, String key, String value, long invoke, long complete,
                           Outcome outcome) {
        return new Op(id, client, key, Kind.WRITE, value, null, invoke, complete, outcome,
                outcome == Outcome.OK ? Result.DONE : Result.NONE, -1);
    }

    public static Op cas(long id, int client, String key, String expected, String value, long invoke, long complete,
                         Outcome outcome, Result result) {
        return new Op(id, client, key, Kind.CAS, value, expected, invoke, complete, outcome, result, -1);
    }

    public static Op delete(long id, int client, String key, long invoke, long complete, Outcome outcome,
                            Result result) {
        return new Op(id, client, key, Kind.DELETE, null, null, invoke, complete, outcome, result, -1);
    }

    public Op withRevision(long newRevision) {
        return new Op(id, client, key, kind, value, expected, invokeNanos, completeNanos, outcome, result, newRevision);
    }

    /** True when the operation changed the register for sure (an acknowledged write, CAS or delete). */
    public boolean acknowledgedChange() {
        return outcome == Outcome.OK && result == Result.DONE && kind != Kind.READ;
    }
}
