package io.confman.codec.snapshot;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.confman.codec.internal.ShapeException;
import io.confman.codec.internal.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Reads a snapshot in {@link SnapshotFormat} from a stream with Jackson's streaming parser, handing
 * each record to a {@link SnapshotVisitor} as soon as it is parsed; memory use is bounded by one
 * record, not by the snapshot.
 *
 * <p>Checks, in this order: magic, format version ({@link UnsupportedSnapshotVersionException}),
 * body structure, trailer digest ({@link DamagedSnapshotException}), end of file. When the body
 * cannot be parsed the reader still reads to the trailer: a digest mismatch is then reported as
 * damage, a matching digest as {@link InvalidSnapshotException}. Because the digest is confirmed
 * only at the end, visitors must not publish what they built before {@link #read} returns. The
 * stream is read to its end and not closed.
 */
public final class SnapshotReader {

    private SnapshotReader() {
    }

    /** Reads one snapshot, feeding {@code visitor}; returns its metadata once the digest matched. */
    public static SnapshotMetadata read(InputStream in, SnapshotVisitor visitor) throws IOException {
        MessageDigest sha = SnapshotWriter.newDigest();
        DigestInputStream digested = new DigestInputStream(in, sha);
        int version = readHeader(digested);
        ChunkedInputStream body = new ChunkedInputStream(digested);
        SnapshotMetadata metadata;
        InvalidSnapshotException contentProblem = null;
        try (JsonParser parser = StrictJson.MAPPER.createParser(body)) {
            metadata = readBody(parser, visitor, version);
        } catch (JacksonException | ShapeException e) {
            contentProblem = new InvalidSnapshotException("snapshot content is invalid: " + e.getMessage(), e);
            metadata = null;
        } catch (InvalidSnapshotException e) {
            contentProblem = e;
            metadata = null;
        }
        body.drain();
        verifyTrailer(in, sha.digest());
        if (contentProblem != null) {
            throw contentProblem;
        }
        return metadata;
    }

    /** Reads the magic and the version; returns the version, one this node reads. */
    private static int readHeader(InputStream in) throws IOException {
        byte[] magic = in.readNBytes(SnapshotFormat.MAGIC.length);
        if (!Arrays.equals(magic, SnapshotFormat.MAGIC)) {
            if (magic.length < SnapshotFormat.MAGIC.length) {
                throw ChunkedInputStream.truncated();
            }
            throw new DamagedSnapshotException("not a Confman snapshot (bad magic): file is damaged or of another kind");
        }
        byte[] version = in.readNBytes(4);
        if (version.length < 4) {
            throw ChunkedInputStream.truncated();
        }
        int found = ByteBuffer.wrap(version).getInt();
        if (found < SnapshotFormat.OLDEST_READABLE_VERSION || found > SnapshotFormat.VERSION) {
            throw new UnsupportedSnapshotVersionException(found);
        }
        return found;
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
        readArray(parser, "audit", node -> visitor.auditEvent(ModelJson.auditEvent(node, version)));
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

    private static void verifyTrailer(InputStream in, byte[] computed) throws IOException {
        byte[] trailer = in.readNBytes(SnapshotFormat.DIGEST_BYTES);
        if (trailer.length < SnapshotFormat.DIGEST_BYTES) {
            throw ChunkedInputStream.truncated();
        }
        if (!MessageDigest.isEqual(trailer, computed)) {
            throw new DamagedSnapshotException("snapshot digest mismatch: file is damaged");
        }
        if (in.read() >= 0) {
            throw new DamagedSnapshotException("snapshot has bytes after its digest: file is damaged");
        }
    }
}
