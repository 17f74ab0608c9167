/**
 * Background upkeep of a node's blob store against the set of hashes the replicated state
 * references: {@link io.confman.blob.maintenance.BlobReconciler} fetches referenced blobs that are
 * missing (after a restart, a snapshot install or a long absence), rate-limited; {@link
 * io.confman.blob.maintenance.BlobGarbageCollector} deletes blobs nothing references once they are
 * older than a safety window, never a pinned one. Both run once on demand or periodically on an
 * executor the caller owns.
 */
package io.confman.blob.maintenance;
