package io.confman.codec.snapshot;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.confman.codec.internal.ShapeException;
import io.confman.codec.internal.StrictJson;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;

/**
 * Reads a snapshot in {@link SnapshotFormat} (any readable version: binary records in version 3,
 * JSON in versions 1 and 2) from a stream, handing each record to a {@link SnapshotVisitor} as
 * soon as it is read; memory use is bounded by one record, not by the snapshot.
 *
 * <p>Checks, in this order: magic, format version ({@link UnsupportedSnapshotVersionException}),
 * body structure, trailer ({@link DamagedSnapshotException}), end of file. When the body cannot
 * be parsed the reader still reads to the trailer: a trailer mismatch is then reported as damage,
 * a matching trailer as {@link InvalidSnapshotException}. Because the trailer is confirmed only at
 * the end, visitors must not publish what they built before {@link #read} returns. The stream is
 * read to its end and not closed.
 */
public final class SnapshotReader {

    /** Read-ahead inside the body, so that the binary fields are not read byte by byte from the frames. */
    private static final int BODY_BUFFER_BYTES = 64 * 1024;

    private SnapshotReader() {
    }

    /** Reads one snapshot, feeding {@code visitor}; returns its metadata once the trailer matched. */
    public static SnapshotMetadata read(InputStream in, SnapshotVisitor visitor) throws IOException {
        byte[] header = readHeader(in);
        int version = ByteBuffer.wrap(header, SnapshotFormat.MAGIC.length, Integer.BYTES).getInt();
        Trailer trailer = Trailer.of(version);
        trailer.update(header);
        InputStream checked = trailer.wrap(in);
        ChunkedInputStream body = new ChunkedInputStream(checked);
        SnapshotMetadata metadata;
        InvalidSnapshotException contentProblem = null;
        try {
            metadata = version >= SnapshotFormat.FIRST_BINARY_VERSION
                    ? readBinaryBody(new BufferedInputStream(body, BODY_BUFFER_BYTES), visitor)
                    : readJsonBody(body, visitor, version);
        } catch (JacksonException | ShapeException | IllegalArgumentException | NullPointerException e) {
            // the records' own checks (a constructor refusing a field) count as invalid content too
            contentProblem = new InvalidSnapshotException("snapshot content is invalid: " + e.getMessage(), e);
            metadata = null;
        } catch (InvalidSnapshotException e) {
            contentProblem = e;
            metadata = null;
        }
        body.drain();
        verifyTrailer(in, trailer);
        if (contentProblem != null) {
            throw contentProblem;
        }
        return metadata;
    }

    /** Reads the magic and the version; returns both, the version being one this node reads. */
    private static byte[] readHeader(InputStream in) throws IOException {
        byte[] header = in.readNBytes(SnapshotFormat.MAGIC.length + Integer.BYTES);
        byte[] magic = Arrays.copyOf(header, Math.min(header.length, SnapshotFormat.MAGIC.length));
        if (!Arrays.equals(magic, Arrays.copyOf(SnapshotFormat.MAGIC, magic.length))) {
            throw new DamagedSnapshotException("not a Confman snapshot (bad magic): file is damaged or of another kind");
        }
        if (header.length < SnapshotFormat.MAGIC.length + Integer.BYTES) {
            throw ChunkedInputStream.truncated();
        }
        int found = ByteBuffer.wrap(header, SnapshotFormat.MAGIC.length, Integer.BYTES).getInt();
        if (found < SnapshotFormat.OLDEST_READABLE_VERSION || found > SnapshotFormat.VERSION) {
            throw new UnsupportedSnapshotVersionException(found);
        }
        return header;
    }

    private static SnapshotMetadata readBinaryBody(InputStream body, SnapshotVisitor visitor) throws IOException {
        BinaryRecords.Input records = new BinaryRecords.Input(body);
        SnapshotMetadata metadata = new SnapshotMetadata(records.fixedLong(), records.fixedLong(),
                records.fixedLong(), records.fixedLong());
        visitor.metadata(metadata);
        while (records.nextRecord("namespaces")) {
            visitor.namespace(records.namespace());
        }
        while (records.nextRecord("entries")) {
            visitor.entry(records.entry());
        }
        while (records.nextRecord("audit")) {
            visitor.auditEvent(records.auditEvent());
        }
        if (!records.atEnd()) {
            throw new ShapeException("content after the snapshot's last section");
        }
        return metadata;
    }

    private static SnapshotMetadata readJsonBody(InputStream body, SnapshotVisitor visitor, int version)
            throws IOException {
        try (JsonParser parser = StrictJson.MAPPER.createParser(body)) {
            return readBody(parser, visitor, version);
        }
    }

    private static SnapshotMetadata readBody(JsonParser parser, SnapshotVisitor visitor, int version)
            throws IOException {
        expect(parser, JsonToken.START_OBJECT);
        long term = readLongField(parser, "lastAppliedTerm");
        long index = readLongField(parser, "lastAppliedIndex");
        long malformed = readLongField(parser, "malformedEntries");
        long lastRevision = version >= 2 ? readLongField(parser, "lastRevision") : index;
        SnapshotMetadata metadata = new SnapshotMetadata(term, index, malformed, lastRevision);
        visitor.metadata(metadata);
        readArray(parser, "namespaces", node -> visitor.namespace(ModelJson.namespace(node)));
        readArray(parser, "entries", node -> visitor.entry(ModelJson.entry(node)));
        readArray(parser, "audit", node -> visitor.auditEvent(ModelJson.auditEvent(node)));
        expect(parser, JsonToken.END_OBJECT);
        if (parser.nextToken() != null) {
            throw new ShapeException("content after the snapshot object");
        }
        return metadata;
    }

    /** Handles one parsed element of a record array. */
    private interface RecordHandler {
        void accept(JsonNode record) throws IOException;
    }

    /** Reads a named array of objects, holding only the current element as a tree. */
    private static void readArray(JsonParser parser, String field, RecordHandler handler) throws IOException {
        expectField(parser, field);
        expect(parser, JsonToken.START_ARRAY);
        while (true) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                return;
            }
            if (token != JsonToken.START_OBJECT) {
                throw new ShapeException("expected an object in \"" + field + "\" but found " + token);
            }
            handler.accept(StrictJson.ELEMENT_READER.readTree(parser));
        }
    }

    private static long readLongField(JsonParser parser, String name) throws IOException {
        expectField(parser, name);
        if (parser.nextToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new ShapeException("field \"" + name + "\" must be an integer");
        }
        return parser.getLongValue();
    }

    private static void expectField(JsonParser parser, String name) throws IOException {
        if (parser.nextToken() != JsonToken.FIELD_NAME || !name.equals(parser.currentName())) {
            throw new ShapeException("expected field \"" + name + "\" at " + parser.currentLocation());
        }
    }

    private static void expect(JsonParser parser, JsonToken token) throws IOException {
        JsonToken found = parser.nextToken();
        if (found != token) {
            throw new ShapeException("expected " + token + " but found " + found + " at " + parser.currentLocation());
        }
    }

    private static void verifyTrailer(InputStream in, Trailer computed) throws IOException {
        byte[] trailer = in.readNBytes(computed.length());
        if (trailer.length < computed.length()) {
            throw ChunkedInputStream.truncated();
        }
        if (!MessageDigest.isEqual(trailer, computed.value())) {
            throw new DamagedSnapshotException("snapshot digest mismatch: file is damaged");
        }
        if (in.read() >= 0) {
            throw new DamagedSnapshotException("snapshot has bytes after its digest: file is damaged");
        }
    }

    /** The running check of a version's trailer: CRC-32C from version 3, SHA-256 before. */
    private interface Trailer {

        static Trailer of(int version) {
            return version >= SnapshotFormat.FIRST_BINARY_VERSION ? new Crc32c() : new Sha256();
        }

        void update(byte[] bytes);

        InputStream wrap(InputStream in);

        int length();

        byte[] value();
    }

    private static final class Crc32c implements Trailer {
        private final CRC32C crc = new CRC32C();

        @Override
        public void update(byte[] bytes) {
            crc.update(bytes);
        }

        @Override
        public InputStream wrap(InputStream in) {
            return new CheckedInputStream(in, crc);
        }

        @Override
        public int length() {
            return SnapshotFormat.TRAILER_BYTES;
        }

        @Override
        public byte[] value() {
            return ByteBuffer.allocate(SnapshotFormat.TRAILER_BYTES).putInt((int) crc.getValue()).array();
        }
    }

    private static final class Sha256 implements Trailer {
        private final MessageDigest sha;

        Sha256() {
            try {
                sha = MessageDigest.getInstance(SnapshotFormat.JSON_DIGEST_ALGORITHM);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime provides SHA-256", e);
            }
        }

        @Override
        public void update(byte[] bytes) {
            sha.update(bytes);
        }

        @Override
        public InputStream wrap(InputStream in) {
            return new DigestInputStream(in, sha);
        }

        @Override
        public int length() {
            return SnapshotFormat.SHA256_TRAILER_BYTES;
        }

        @Override
        public byte[] value() {
            return sha.digest();
        }
    }
}
