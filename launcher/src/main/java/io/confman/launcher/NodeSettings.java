package io.confman.launcher;

import io.confman.raft.node.RaftSettings;
import io.confman.web.WebSettings;
import io.helidon.config.Config;
import java.nio.file.Path;

/**
 * A node's validated settings.
 *
 * @param raft         Raft layer settings
 * @param web          HTTP listener settings
 * @param dataDir      the node's data directory ({@code raft/} and {@code blobs/} live below it)
 * @param clusterToken shared secret for node-to-node endpoints
 * @param config       the merged configuration, for sections read by later subsystems
 */
public record NodeSettings(RaftSettings raft, WebSettings web, Path dataDir, String clusterToken, Config config) {
}
