package io.confman.codec.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Reads a backup stream that {@link BackupWriter} wrote, checking as it goes: the magic line and
 * format, the record order and the counts the header announced, each blob's SHA-256, and at the
 * trailer the SHA-256 of the whole stream. Any mismatch is a {@link BackupException}; a caller
 * that must not act on a damaged file reads it through once first ({@link #verify}). Not
 * thread-safe; the caller closes the stream.
 */
public final class BackupReader {
    /** The longest record line read; a line beyond it means the file is not a backup. */
    public static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    private final InputStream in;
    private final MessageDigest whole = BackupWriter.sha256();
    private final BackupHeader header;
    private long position;
    private long namespaces;
    private long entries;
    private long blobs;
    private BlobInput blob;
    private MessageDigest beforeLastLine;
    private boolean ended;

    public BackupReader(InputStream in) throws IOException {
        this.in = new BufferedInputStream(in, 64 * 1024);
        String magic = new String(line(), StandardCharsets.UTF_8);
        if (!magic.equals(BackupWriter.MAGIC + " " + BackupWriter.FORMAT_VERSION)) {
            throw new BackupException(magic.startsWith(BackupWriter.MAGIC + " ")
                    ? "backup format '" + magic.substring(BackupWriter.MAGIC.length() + 1) + "' is not supported (this reads "
                    + BackupWriter.FORMAT_VERSION + ")" : "not a Confman backup (no '" + BackupWriter.MAGIC + "' line)");
        }
        this.header = BackupWriter.JSON.readValue(line(), BackupHeader.class);
    }

    /** Reads a whole stream, checking everything; answers its trailer. */
    public static BackupRecord.End verify(InputStream in) throws IOException {
        BackupReader reader = new BackupReader(in);
        BackupRecord record = reader.next();
        while (!(record instanceof BackupRecord.End end)) {
            record = reader.next();
        }
        return end;
    }

    public BackupHeader header() {
        return header;
    }

    /** The next record; {@link BackupRecord.End} once the trailer was read and matched. */
    public BackupRecord next() throws IOException {
        if (ended) {
            throw new IllegalStateException("the backup was read to its end");
        }
        finishBlob();
        byte[] bytes = line();
        JsonNode line = BackupWriter.JSON.readTree(bytes);
        if (line == null || !line.isObject() || line.size() != 1) {
            throw damaged("a record line is not a JSON object of one field");
        }
        String kind = line.fieldNames().next();
        JsonNode body = line.get(kind);
        return switch (kind) {
            case "namespace" -> {
                expect(namespaces < header.namespaces() && entries == 0, "namespace");
                namespaces++;
                yield new BackupRecord.NamespaceRecord(BackupWriter.JSON.treeToValue(body, Namespace.class));
            }
            case "entry" -> {
                expect(namespaces == header.namespaces() && entries < header.entries() && blobs == 0, "entry");
                entries++;
                yield new BackupRecord.EntryRecord(BackupWriter.JSON.treeToValue(body, ConfigEntry.class));
            }
            case "blob" -> {
                expect(entries == header.entries() && blobs < header.blobs(), "blob");
                blobs++;
                BackupRecord.BlobRecord record = new BackupRecord.BlobRecord(body.path("sha256").asText(),
                        body.path("size").asLong(-1), position);
                if (record.size() < 0) {
                    throw damaged("a blob record has no size");
                }
                blob = new BlobInput(record);
                yield record;
            }
            case "sha256" -> end(body.asText());
            default -> throw damaged("unknown record '" + kind + "'");
        };
    }

    /** The bytes of the blob record {@link #next} just returned; its hash is checked at its end. */
    public InputStream blobContent() {
        if (blob == null) {
            throw new IllegalStateException("the last record read was not a blob");
        }
        return blob;
    }

    private BackupRecord.End end(String sha256) throws IOException {
        if (namespaces != header.namespaces() || entries != header.entries() || blobs != header.blobs()) {
            throw damaged("the file ends before the records its header announced");
        }
        // The trailer's own bytes are not part of what it covers.
        String expected = HexFormat.of().formatHex(beforeLastLine.digest());
        if (!expected.equals(sha256)) {
            throw new BackupException("backup checksum mismatch: the file says sha256 " + sha256 + ", its bytes hash to "
                    + expected);
        }
        if (in.read() != -1) {
            throw damaged("bytes follow the trailer");
        }
        ended = true;
        return new BackupRecord.End(header, sha256);
    }

    private void expect(boolean inOrder, String kind) throws BackupException {
        if (!inOrder) {
            throw damaged("a " + kind + " record out of order or beyond the header's count");
        }
    }

    private void finishBlob() throws IOException {
        if (blob != null) {
            blob.transferTo(OutputStream.nullOutputStream());
            blob = null;
            if (read() != '\n') {
                throw damaged("a blob's bytes are not followed by a line end");
            }
        }
    }

    /** One line without its end; remembers the digest state before it (the trailer's coverage). */
    private byte[] line() throws IOException {
        beforeLastLine = cloneDigest();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = read(); b != '\n'; b = read()) {
            if (b < 0) {
                throw damaged("the file ends inside a record (cut short?)");
            }
            if (line.size() == MAX_LINE_BYTES) {
                throw damaged("a record line is longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        return line.toByteArray();
    }

    private MessageDigest cloneDigest() {
        try {
            return (MessageDigest) whole.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
        }
    }

    private int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            whole.update((byte) b);
            position++;
        }
        return b;
    }

    private static BackupException damaged(String what) {
        return new BackupException("damaged backup: " + what);
    }

    /** A blob's bytes, counted against its size and hashed against its SHA-256. */
    private final class BlobInput extends InputStream {
        private final BackupRecord.BlobRecord record;
        private final MessageDigest digest = BackupWriter.sha256();
        private long remaining;

        BlobInput(BackupRecord.BlobRecord record) {
            this.record = record;
            this.remaining = record.size();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw damaged("the file ends inside blob " + record.sha256());
            }
            whole.update(buffer, offset, n);
            digest.update(buffer, offset, n);
            position += n;
            remaining -= n;
            if (remaining == 0 && !HexFormat.of().formatHex(digest.digest()).equals(record.sha256())) {
                throw new BackupException("damaged backup: blob " + record.sha256() + " does not hash to its name");
            }
            return n;
        }
    }
}
