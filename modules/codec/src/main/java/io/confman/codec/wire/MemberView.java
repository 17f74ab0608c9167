package io.confman.codec.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A configured cluster member.
 *
 * @param id          the node id, e.g. {@code node1}
 * @param url         the node's HTTP base URL with a trailing slash
 * @param raftAddress {@code host:port} of the node's Raft (gRPC) endpoint
 */
@JsonPropertyOrder({"id", "url", "raftAddress"})
public record MemberView(String id, String url, String raftAddress) {
}
