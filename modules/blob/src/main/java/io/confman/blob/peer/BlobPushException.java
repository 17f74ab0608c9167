package io.confman.blob.peer;

import io.confman.blob.BlobException;
import io.confman.blob.BlobId;
import java.util.List;

/**
 * Too few peers confirmed a durable copy: the quorum became impossible, or the timeout passed.
 * Lists each peer's failure ({@code timed out} for those that had not answered). Nothing may be
 * committed that points to the blob.
 */
public final class BlobPushException extends BlobException {

    private final BlobId id;
    private final int copiesNeeded;
    private final List<PeerFailure> failures;

    public BlobPushException(BlobId id, int copiesNeeded, int copiesMade, List<PeerFailure> failures) {
        super("blob " + id + " reached " + copiesMade + " of " + copiesNeeded + " peer copies needed: " + failures);
        this.id = id;
        this.copiesNeeded = copiesNeeded;
        this.failures = List.copyOf(failures);
    }

    public BlobId id() {
        return id;
    }

    public int copiesNeeded() {
        return copiesNeeded;
    }

    public List<PeerFailure> failures() {
        return failures;
    }
}
