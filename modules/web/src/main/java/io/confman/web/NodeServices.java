package io.confman.web;

import io.confman.blob.BlobStore;
import io.confman.blob.UploadSessions;
import io.confman.blob.peer.BlobPeerClient;
import io.confman.raft.node.ClusterNode;
import io.confman.raft.store.ReplicatedConfigStore;
import io.confman.raft.watch.ChangeFeed;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Everything the HTTP layer of one node talks to. Built by the launcher; the web layer owns none
 * of it (the launcher closes it after the HTTP server stopped).
 *
 * @param store        the replicated configuration store
 * @param apiKeys      the configured client API keys
 * @param clusterToken shared secret guarding {@code /internal} endpoints
 * @param blobs        this node's blob store
 * @param blobPeers    moves blobs to and from the other members
 * @param blobSettings limits and timeouts of the blob paths
 * @param changes      the node's watches, fed by its state machine; closed by the launcher
 * @param missingBlobs how many blobs the state references that this node does not hold, as the
 *                     blob reconciler last counted (for {@code /health/ready}); called from any thread
 * @param uploads      this node's resumable uploads in progress
 */
public record NodeServices(ReplicatedConfigStore store, List<ApiKey> apiKeys, String clusterToken,
                           BlobStore blobs, BlobPeerClient blobPeers, BlobSettings blobSettings,
                           ChangeFeed changes, LongSupplier missingBlobs, UploadSessions uploads) {

    public NodeServices {
        Objects.requireNonNull(store, "store");
        apiKeys = List.copyOf(apiKeys);
        Objects.requireNonNull(clusterToken, "clusterToken");
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(blobPeers, "blobPeers");
        Objects.requireNonNull(blobSettings, "blobSettings");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(missingBlobs, "missingBlobs");
        Objects.requireNonNull(uploads, "uploads");
    }

    public ClusterNode node() {
        return store.node();
    }
}
