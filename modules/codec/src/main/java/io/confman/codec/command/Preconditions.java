package io.confman.codec.command;

/**
 * Conditions the HTTP layer passes down with a config write or delete; the state machine checks
 * them inside apply, so check and change are one atomic step.
 *
 * @param ifMatchVersion  from the legacy {@code If-Match: "<version>"} (the JSON {@code version}):
 *                        the write is rejected unless the key exists with exactly this version.
 *                        Versions restart at 1 when a key is deleted and written again, so this
 *                        only tells apart values within one life of the key; null when not given
 * @param ifMatchRevision from {@code If-Match: "r<revision>"} (the entity tag the API answers): the
 *                        write is rejected unless the key exists and was last changed at exactly
 *                        this revision. Revisions never repeat, so an old tag never matches a new
 *                        value; null when not given
 * @param createOnly      from {@code If-None-Match: *}: the write is rejected if the key exists
 */
public record Preconditions(Long ifMatchVersion, Long ifMatchRevision, boolean createOnly) {

    /** No conditions: the write applies whatever the current state. */
    public static final Preconditions NONE = new Preconditions(null, null, false);

    /** The legacy form: the key's current version must be {@code version}. */
    public static Preconditions ifMatch(long version) {
        return new Preconditions(version, null, false);
    }

    /** The key must have been last changed at {@code revision}. */
    public static Preconditions ifMatchRevision(long revision) {
        return new Preconditions(null, revision, false);
    }

    public static Preconditions createOnlyIfAbsent() {
        return new Preconditions(null, null, true);
    }

    /** Whether any {@code If-Match} form is set. */
    public boolean hasIfMatch() {
        return ifMatchVersion != null || ifMatchRevision != null;
    }
}
