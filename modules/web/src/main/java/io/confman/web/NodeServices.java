package io.confman.web;

import io.confman.blob.BlobStore;
import io.confman.blob.peer.BlobPeerClient;
import io.confman.raft.node.ClusterNode;
import io.confman.raft.store.ReplicatedConfigStore;
import java.util.List;
import java.util.Objects;

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
 */
public record NodeServices(ReplicatedConfigStore store, List<ApiKey> apiKeys, String clusterToken,
                           BlobStore blobs, BlobPeerClient blobPeers, BlobSettings blobSettings) {

    public NodeServices {
        Objects.requireNonNull(store, "store");
        apiKeys = List.copyOf(apiKeys);
        Objects.requireNonNull(clusterToken, "clusterToken");
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(blobPeers, "blobPeers");
        Objects.requireNonNull(blobSettings, "blobSettings");
    }

    public ClusterNode node() {
        return store.node();
    }
}
