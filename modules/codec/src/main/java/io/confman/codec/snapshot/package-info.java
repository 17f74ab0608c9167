/**
 * The snapshot file format: the whole replicated state (namespaces, config entries with inline
 * values or blob pointers, bounded audit history, last applied term and index) written and read as
 * a stream, never as one byte array, and guarded by a SHA-256 digest. Blob bytes are never part of
 * a snapshot. {@link io.confman.codec.snapshot.SnapshotFormat} describes the layout.
 */
package io.confman.codec.snapshot;
