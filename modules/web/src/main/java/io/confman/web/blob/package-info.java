/**
 * Blob paths over HTTP: the node-to-node {@code /internal/blobs} endpoints (admitted by the
 * {@code http} package's cluster guard) and the raw value endpoints (authorised and committed
 * through the {@code api} package's access guard and Raft calls), with quorum replication before a
 * blob pointer is committed.
 */
package io.confman.web.blob;
