/**
 * Moving blobs between nodes: {@link io.confman.blob.peer.BlobPeerClient} fetches a missing blob
 * from the first peer holding a good copy (one download per blob however many callers wait) and
 * pushes a new blob to peers until enough of them hold a durable copy. {@link
 * io.confman.blob.peer.HttpBlobPeerClient} speaks the internal HTTP endpoints with the JDK's
 * client, streaming both ways; {@link io.confman.blob.peer.InMemoryBlobPeerClient} is its twin
 * over stores in the same JVM.
 */
package io.confman.blob.peer;
