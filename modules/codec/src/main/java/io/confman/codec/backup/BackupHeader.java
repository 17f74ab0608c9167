package io.confman.codec.backup;

/**
 * The second line of a backup: what the file holds and the state it was taken from.
 *
 * @param format       {@link BackupWriter#FORMAT_VERSION}
 * @param revision     the newest revision of the state exported
 * @param appliedIndex the Raft log index the exported state had applied
 * @param createdAt    ISO-8601 UTC instant at which the node took it
 * @param namespaces   how many namespace records follow
 * @param entries      how many entry records follow them
 * @param blobs        how many blob records follow those (one per distinct blob value)
 * @param blobBytes    the blob records' content bytes, summed
 */
public record BackupHeader(int format, long revision, long appliedIndex, String createdAt, long namespaces,
                           long entries, long blobs, long blobBytes) {
}
