package io.confman.codec.snapshot;

import java.nio.charset.StandardCharsets;

/**
 * Layout of a snapshot file, version {@value #VERSION}:
 *
 * <pre>
 * header   8 bytes magic "CONFSNAP", 4 bytes format version (big-endian int)
 * body     frames: 4-byte big-endian length (1..CHUNK_MAX_BYTES) followed by that many bytes;
 *          a frame of length 0 ends the body. The concatenated frame data is one UTF-8 JSON
 *          object: {"lastAppliedTerm","lastAppliedIndex","malformedEntries","lastRevision",
 *          "namespaces":[...],"entries":[...],"audit":[...]} in exactly this order
 *          (version 1, still read, has no "lastRevision"). Each audit event ends with "oldBlob" and
 *          "newBlob", the SHA-256 of a value that is a blob reference or null (versions 1 and 2,
 *          still read, have neither: a value of the form "sha256:&lt;hex&gt;" is taken for one).
 * trailer  32 bytes: SHA-256 of every byte before it (header and frames)
 * </pre>
 *
 * <p>Framing lets a reader stop exactly at the end of the body without reading into the trailer,
 * and makes truncation detectable. Frames are always full except the last, so the file is a pure
 * function of the state: equal states give equal bytes (the state hash relies on it).
 */
public final class SnapshotFormat {

    /** The format version this node writes. */
    public static final int VERSION = 3;

    /** The oldest format version this node still reads. */
    public static final int OLDEST_READABLE_VERSION = 1;

    /** Upper bound of one frame's data. */
    public static final int CHUNK_MAX_BYTES = 64 * 1024;

    /** Length of the SHA-256 trailer. */
    public static final int DIGEST_BYTES = 32;

    static final byte[] MAGIC = "CONFSNAP".getBytes(StandardCharsets.US_ASCII);

    static final String DIGEST_ALGORITHM = "SHA-256";

    private SnapshotFormat() {
    }
}
