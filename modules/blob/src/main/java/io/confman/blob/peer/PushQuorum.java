package io.confman.blob.peer;

import io.confman.blob.BlobId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Counts the answers of one push and completes its future: successfully at the {@code needed}-th
 * confirmation, exceptionally once too few peers are left to reach it, or at the timeout. Each
 * peer is counted once; later answers are ignored.
 */
final class PushQuorum {

    private final BlobId id;
    private final int needed;
    private final Set<String> pending = new LinkedHashSet<>();
    private final List<String> confirmed = new ArrayList<>();
    private final List<PeerFailure> failures = new ArrayList<>();
    private final CompletableFuture<PushResult> result = new CompletableFuture<>();

    PushQuorum(BlobId id, int needed, List<Peer> peers) {
        this.id = id;
        this.needed = needed;
        peers.forEach(peer -> pending.add(peer.id()));
        if (needed <= 0) {
            result.complete(new PushResult(id, List.of()));
        } else if (pending.size() < needed) {
            result.completeExceptionally(new BlobPushException(id, needed, 0,
                    List.of(new PeerFailure("-", "only " + pending.size() + " distinct peer(s) given"))));
        }
    }

    CompletableFuture<PushResult> result() {
        return result;
    }

    synchronized void confirmed(String peerId) {
        if (pending.remove(peerId)) {
            confirmed.add(peerId);
            if (confirmed.size() == needed) {
                result.complete(new PushResult(id, confirmed));
            }
        }
    }

    synchronized void failed(String peerId, String reason) {
        if (pending.remove(peerId)) {
            failures.add(new PeerFailure(peerId, reason));
            if (confirmed.size() + pending.size() < needed) {
                fail();
            }
        }
    }

    synchronized void timedOut() {
        if (!result.isDone()) {
            pending.forEach(peerId -> failures.add(new PeerFailure(peerId, "timed out")));
            pending.clear();
            fail();
        }
    }

    private void fail() {
        result.completeExceptionally(new BlobPushException(id, needed, confirmed.size(), failures));
    }
}
