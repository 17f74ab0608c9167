/**
 * Blob paths over HTTP: the node-to-node {@code /internal/blobs} endpoints and the raw value
 * endpoints, with quorum replication before a blob pointer is committed.
 */
package io.confman.web.blob;
