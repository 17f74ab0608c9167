package io.confman.blob.peer;

import io.confman.blob.BlobId;
import java.util.List;

/** A push that reached its quorum: the peers that confirmed a durable copy, in answer order. */
public record PushResult(BlobId id, List<String> confirmedPeerIds) {

    public PushResult {
        confirmedPeerIds = List.copyOf(confirmedPeerIds);
    }
}
