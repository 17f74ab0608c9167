package io.confman.launcher;

import io.confman.raft.node.RaftSettings;
import io.confman.web.ApiKey;
import io.confman.web.BlobSettings;
import io.confman.web.WebSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A node's validated settings.
 *
 * @param raft                    Raft layer settings
 * @param web                     HTTP listener settings
 * @param dataDir                 the node's data directory ({@code raft/} and {@code blobs/} below it)
 * @param clusterToken            shared secret for node-to-node endpoints
 * @param apiKeys                 client API keys
 * @param blob                    blob store limits and timeouts
 * @param auditEventsPerNamespace audit events kept per namespace (identical on every member)
 * @param tls                     the TLS files when {@code tls.enabled}; empty for plain HTTP and gRPC
 */
public record NodeSettings(RaftSettings raft, WebSettings web, Path dataDir, String clusterToken,
                           List<ApiKey> apiKeys, BlobSettings blob, int auditEventsPerNamespace,
                           Optional<TlsFiles> tls) {

    /**
     * The PEM files of a TLS node ({@code tls.certificate}, {@code tls.privateKey}, {@code tls.ca});
     * read and checked when the node starts ({@code io.confman.launcher.tls.NodeTls}).
     */
    public record TlsFiles(Path certificate, Path privateKey, Path ca) {
    }
}
