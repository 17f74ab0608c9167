package io.confman.blob.peer;

/** Why one peer could not supply or store a blob, e.g. {@code HTTP 404} or {@code connection refused}. */
public record PeerFailure(String peerId, String reason) {

    @Override
    public String toString() {
        return peerId + ": " + reason;
    }
}
