package io.confman.codec.command;

/**
 * Conditions the HTTP layer passes down with a config write or delete; the state machine checks
 * them inside apply, so check and change are one atomic step.
 *
 * @param ifMatchVersion from {@code If-Match: "<version>"}: the write is rejected unless the key
 *                       exists with exactly this version; null when not given
 * @param createOnly     from {@code If-None-Match: *}: the write is rejected if the key exists
 */
public record Preconditions(Long ifMatchVersion, boolean createOnly) {

    /** No conditions: the write applies whatever the current state. */
    public static final Preconditions NONE = new Preconditions(null, false);

    public static Preconditions ifMatch(long version) {
        return new Preconditions(version, false);
    }

    public static Preconditions createOnlyIfAbsent() {
        return new Preconditions(null, true);
    }
}
