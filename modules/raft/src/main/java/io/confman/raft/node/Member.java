package io.confman.raft.node;

import java.net.URI;
import java.util.Objects;

/**
 * One statically configured member of the Raft group.
 *
 * @param id       node id, e.g. {@code node1}; letters, digits, '-' and '_'
 * @param httpUrl  the node's HTTP base URL, normalised to end with '/'
 * @param raftHost host of the node's Raft (gRPC) endpoint
 * @param raftPort port of the node's Raft endpoint
 */
public record Member(String id, URI httpUrl, String raftHost, int raftPort) {

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(httpUrl, "httpUrl");
        Objects.requireNonNull(raftHost, "raftHost");
        if (!httpUrl.toString().endsWith("/")) {
            httpUrl = URI.create(httpUrl + "/");
        }
    }

    /** {@code host:port} of the Raft endpoint. */
    public String raftAddress() {
        return raftHost + ":" + raftPort;
    }

    /** The HTTP port, defaulting to 80 when the URL names none. */
    public int httpPort() {
        return httpUrl.getPort() < 0 ? 80 : httpUrl.getPort();
    }

    /** A stable one-line description, used to compare stored and configured membership. */
    public String describe() {
        return id + "=" + httpUrl + "|" + raftAddress();
    }
}
