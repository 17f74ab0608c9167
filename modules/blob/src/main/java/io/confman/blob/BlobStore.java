package io.confman.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A content-addressed store of blobs named by the SHA-256 of their bytes.
 *
 * <p><b>Threads.</b> Every method may be called from any thread, concurrently with any other,
 * including puts of the same content (one reports {@code created}, the others find it present).
 * Methods block on disk I/O; call them from request or worker threads.
 *
 * <p><b>Durability.</b> When a put returns, the blob is durable (file and directory synced in the
 * file store) and readable by id. A put that fails leaves nothing behind.
 *
 * <p><b>Integrity.</b> A copy that does not hash to its id is never served whole: {@link #open}
 * answers empty for it (after quarantining and counting it) so the caller refetches from a peer,
 * and a whole-blob stream of a copy not yet verified fails with {@link BlobCorruptException} at its
 * end if its bytes were wrong. A copy is verified once per version of its file, not on every read.
 *
 * <p><b>Pins.</b> {@link #delete} never removes a pinned blob. Writers pin a blob from before it
 * is visible until its pointer is committed ({@link #putPinned}); pushes to peers run under that
 * pin.
 *
 * <p><b>Closing.</b> The caller closes every {@link BlobContent}, {@link BlobPin} and {@link
 * PinnedPut} it receives. The store closes nothing it was given: the input stream of a put stays
 * open. Memory never grows with a blob's size except in {@link InMemoryBlobStore}.
 */
public interface BlobStore {

    /**
     * Streams {@code in} into the store while hashing it.
     *
     * @param maxBytes the largest value accepted; crossing it stops reading at once
     * @param expected the id the content must hash to, when the caller knows it
     * @throws BlobTooLargeException more than {@code maxBytes} bytes were offered
     * @throws BlobDigestMismatchException the content did not hash to {@code expected}
     * @throws BlobStoreFullException the disk is full
     * @throws IOException reading {@code in} failed, or another I/O failure
     */
    PutResult put(InputStream in, long maxBytes, Optional<BlobId> expected) throws IOException;

    /** {@link #put} that also returns a pin on the stored blob, taken before it became visible. */
    PinnedPut putPinned(InputStream in, long maxBytes, Optional<BlobId> expected) throws IOException;

    /** {@link #put} without an expected id. */
    default PutResult put(InputStream in, long maxBytes) throws IOException {
        return put(in, maxBytes, Optional.empty());
    }

    /**
     * Opens the whole blob; empty if it is not held or its copy was found corrupt (quarantined).
     */
    default Optional<BlobContent> open(BlobId id) throws IOException {
        return open(id, 0, Long.MAX_VALUE);
    }

    /**
     * Opens {@code length} bytes from {@code offset}; {@code length} is cut to what the blob has
     * after {@code offset}. Empty as in {@link #open(BlobId)}.
     *
     * @throws BlobRangeException {@code offset} is beyond the end of the blob
     */
    Optional<BlobContent> open(BlobId id, long offset, long length) throws IOException;

    /** Size and age of a held blob; empty if not held. Does not verify the copy. */
    Optional<BlobInfo> info(BlobId id) throws IOException;

    default boolean exists(BlobId id) throws IOException {
        return info(id).isPresent();
    }

    /** Removes a blob unless it is pinned; atomic with respect to {@link #pin}. */
    DeleteOutcome delete(BlobId id) throws IOException;

    /** Pins {@code id} (held or not) until the returned pin is closed. */
    BlobPin pin(BlobId id);

    boolean isPinned(BlobId id);

    /** Every held blob, in no particular order: a snapshot, not a live view. */
    List<BlobId> list() throws IOException;

    BlobStats stats();
}
