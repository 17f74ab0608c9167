package io.confman.blob.peer;

import io.confman.blob.BlobException;
import io.confman.blob.BlobId;
import java.util.List;

/** No peer supplied a good copy of a blob; lists what went wrong with each peer tried. */
public final class BlobFetchException extends BlobException {

    private final BlobId id;
    private final List<PeerFailure> failures;

    public BlobFetchException(BlobId id, List<PeerFailure> failures) {
        super("no peer supplied blob " + id + (failures.isEmpty() ? " (no peers given)" : ": " + failures));
        this.id = id;
        this.failures = List.copyOf(failures);
    }

    public BlobId id() {
        return id;
    }

    public List<PeerFailure> failures() {
        return failures;
    }
}
