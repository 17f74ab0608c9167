package io.confman.blob;

/** What {@link BlobStore#delete} did. */
public enum DeleteOutcome {
    /** The blob was held and is now gone. */
    DELETED,
    /** The blob was not held. */
    ABSENT,
    /** The blob is pinned by a write or push in progress and was kept. */
    PINNED
}
