package io.confman.codec.snapshot;

import java.nio.charset.StandardCharsets;

/**
 * Layout of a snapshot file, version {@value #VERSION}:
 *
 * <pre>
 * header   8 bytes magic "CONFSNAP", 4 bytes format version (big-endian int)
 * body     frames: 4-byte big-endian length (1..CHUNK_MAX_BYTES) followed by that many bytes;
 *          a frame of length 0 ends the body. The concatenated frame data is, in version 3, binary:
 *            metadata    lastAppliedTerm, lastAppliedIndex, malformedEntries, lastRevision
 *                        (8-byte big-endian longs)
 *            namespaces  a 1 byte before each record, a 0 byte after the last
 *            entries     the same
 *            audit       the same
 *          with records of fields in a fixed order (see {@code BinaryRecords}): strings as an
 *          unsigned LEB128 varint of their UTF-8 length and the bytes, nullable strings with the
 *          length plus one (0 for null), integers as LEB128 varints. Each audit event ends with
 *          oldBlob and newBlob, the SHA-256 of a value that is a blob reference, or null.
 *          Versions 1 and 2 (still read) hold one UTF-8 JSON object instead:
 *          {"lastAppliedTerm","lastAppliedIndex","malformedEntries","lastRevision",
 *          "namespaces":[...],"entries":[...],"audit":[...]} (version 1 has no "lastRevision"; in
 *          neither do audit events mark blob references, so a value of the form
 *          "sha256:&lt;hex&gt;" is taken for one).
 * trailer  version 3: 4 bytes, the CRC-32C of every byte before it (header and frames);
 *          versions 1 and 2: 32 bytes, their SHA-256
 * </pre>
 *
 * <p>Framing lets a reader stop exactly at the end of the body without reading into the trailer,
 * and makes truncation detectable. Frames are always full except the last, so the file is a pure
 * function of the state: equal states give equal bytes (the state hash relies on it).
 *
 * <p>Why version 3: a snapshot's cost is writing its bytes once. JSON text and a SHA-256 over it
 * ran at ~200 MB/s; binary records and CRC-32C (which the CPU computes at several GB/s, and which
 * catches the accidental damage a trailer is for) leave the disk as the limit.
 */
public final class SnapshotFormat {

    /** The format version this node writes. */
    public static final int VERSION = 3;

    /** The oldest format version this node still reads. */
    public static final int OLDEST_READABLE_VERSION = 1;

    /** Upper bound of one frame's data. */
    public static final int CHUNK_MAX_BYTES = 64 * 1024;

    /** Length of the trailer of the version this node writes: a CRC-32C. */
    public static final int TRAILER_BYTES = 4;

    /** Length of the SHA-256 trailer of versions 1 and 2. */
    static final int SHA256_TRAILER_BYTES = 32;

    /** The first version with binary records and a CRC-32C trailer. */
    static final int FIRST_BINARY_VERSION = 3;

    static final byte[] MAGIC = "CONFSNAP".getBytes(StandardCharsets.US_ASCII);

    static final String JSON_DIGEST_ALGORITHM = "SHA-256";

    private SnapshotFormat() {
    }
}
