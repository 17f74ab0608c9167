package io.confman.codec.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A member of the Raft group, as the reporting node's Raft configuration lists it.
 *
 * @param id          the node id, e.g. {@code node1}
 * @param url         the node's HTTP base URL with a trailing slash
 * @param raftAddress {@code host:port} of the node's Raft (gRPC) endpoint
 * @param voting      true for a voter, false for a non-voting member still catching up; null when
 *                    the reporting node does not say (older nodes)
 */
@JsonPropertyOrder({"id", "url", "raftAddress", "voting"})
public record MemberView(String id, String url, String raftAddress, Boolean voting) {

    /** A member whose voting status is not reported. */
    public MemberView(String id, String url, String raftAddress) {
        this(id, url, raftAddress, null);
    }
}
