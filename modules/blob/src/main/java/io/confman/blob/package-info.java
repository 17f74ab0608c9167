/**
 * Content-addressed blob storage: blobs are named by the SHA-256 of their bytes. {@link
 * io.confman.blob.BlobStore} is the seam; {@link io.confman.blob.FileBlobStore} keeps blobs as
 * crash-safe files ({@code <root>/ab/<sha256>}) and never serves a copy whose hash does not match,
 * and {@link io.confman.blob.InMemoryBlobStore} is its twin for tests. Every expected failure is a
 * {@link io.confman.blob.BlobException}; a malformed id is rejected by {@link
 * io.confman.blob.BlobId} before any path is built. Values are streamed through fixed-size
 * buffers and never held whole in memory by the file store.
 */
package io.confman.blob;
