package io.confman.codec.snapshot;

import io.confman.codec.internal.ShapeException;
import io.confman.codec.model.AuditAction;
import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.BlobRef;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The binary records of a version 3 snapshot body (layout in {@link SnapshotFormat}): fields in a
 * fixed order, so the bytes are a function of the content. Written once per byte, with no text
 * escaping and no intermediate tree; read into the records with one string copy per field.
 */
final class BinaryRecords {

    /** Written before each record of a section. */
    static final int RECORD = 1;
    /** Written after the last record of a section. */
    static final int SECTION_END = 0;

    private static final int INLINE = 0;
    private static final int BLOB = 1;

    private BinaryRecords() {
    }

    /** Writes binary fields to a stream (the snapshot's frame buffer, which buffers itself). */
    static final class Output {
        private final OutputStream out;
        private final byte[] longBytes = new byte[Long.BYTES];

        Output(OutputStream out) {
            this.out = out;
        }

        void fixedLong(long value) throws IOException {
            for (int i = 0; i < Long.BYTES; i++) {
                longBytes[i] = (byte) (value >>> (56 - 8 * i));
            }
            out.write(longBytes);
        }

        void marker(int marker) throws IOException {
            out.write(marker);
        }

        void varLong(long value) throws IOException {
            while ((value & ~0x7fL) != 0) {
                out.write((int) ((value & 0x7f) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }

        void string(String value) throws IOException {
            text(value, 0);
        }

        void nullableString(String value) throws IOException {
            if (value == null) {
                varLong(0);
            } else {
                text(value, 1);
            }
        }

        /** The UTF-8 bytes of {@code value}, after their length plus {@code lengthOffset}. */
        private void text(String value, int lengthOffset) throws IOException {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            varLong(bytes.length + (long) lengthOffset);
            out.write(bytes);
        }

        void namespace(Namespace namespace) throws IOException {
            marker(RECORD);
            string(namespace.path());
            nullableString(namespace.description());
            string(namespace.owner());
            string(namespace.createdAt());
        }

        void entry(ConfigEntry entry) throws IOException {
            marker(RECORD);
            string(entry.namespace());
            string(entry.key());
            nullableString(entry.value());
            string(entry.type());
            varLong(entry.version());
            string(entry.updatedAt());
            string(entry.updatedBy());
            varLong(entry.revision());
            if (entry.blob() == null) {
                marker(INLINE);
            } else {
                marker(BLOB);
                string(entry.blob().sha256());
                varLong(entry.blob().size());
                string(entry.blob().contentType());
            }
        }

        void auditEvent(AuditEvent event) throws IOException {
            marker(RECORD);
            string(event.timestamp());
            string(event.action().wireName());
            string(event.actor());
            string(event.namespace());
            nullableString(event.key());
            nullableString(event.oldValue());
            nullableString(event.newValue());
            varLong(event.version() == null ? 0 : event.version() + 1);
            varLong(event.revision());
            nullableString(event.oldBlob());
            nullableString(event.newBlob());
        }
    }

    /**
     * Reads binary fields from the snapshot body. Every structural problem is a {@link
     * ShapeException}; the end of the body in the middle of a record is one too (the trailer
     * check then tells damage from a writer bug).
     */
    static final class Input {
        private final InputStream in;

        Input(InputStream in) {
            this.in = in;
        }

        long fixedLong() throws IOException {
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                value = (value << 8) | readByte();
            }
            return value;
        }

        /** Reads a section marker: true before a record, false at the section's end. */
        boolean nextRecord(String section) throws IOException {
            int marker = readByte();
            if (marker != RECORD && marker != SECTION_END) {
                throw new ShapeException("bad record marker " + marker + " in " + section);
            }
            return marker == RECORD;
        }

        long varLong() throws IOException {
            long value = 0;
            for (int shift = 0; shift < Long.SIZE; shift += 7) {
                int b = readByte();
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new ShapeException("varint longer than 10 bytes");
        }

        String string() throws IOException {
            return text(varLong());
        }

        String nullableString() throws IOException {
            long lengthPlusOne = varLong();
            return lengthPlusOne == 0 ? null : text(lengthPlusOne - 1);
        }

        private String text(long length) throws IOException {
            if (length < 0 || length > Integer.MAX_VALUE - 8) {
                throw new ShapeException("string length " + length + " out of range");
            }
            byte[] bytes = in.readNBytes((int) length);
            if (bytes.length < length) {
                throw new ShapeException("body ends inside a string");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private int readByte() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new ShapeException("body ends inside a record");
            }
            return b;
        }

        /** Whether the body has ended; anything after the last section is refused by the caller. */
        boolean atEnd() throws IOException {
            return in.read() < 0;
        }

        Namespace namespace() throws IOException {
            return new Namespace(string(), nullableString(), string(), string());
        }

        ConfigEntry entry() throws IOException {
            String namespace = string();
            String key = string();
            String value = nullableString();
            String type = string();
            long version = varLong();
            String updatedAt = string();
            String updatedBy = string();
            long revision = varLong();
            int kind = readByte();
            BlobRef blob = switch (kind) {
                case INLINE -> null;
                case BLOB -> new BlobRef(string(), varLong(), string());
                default -> throw new ShapeException("bad value kind " + kind + " for " + namespace + "/" + key);
            };
            if ((value == null) == (blob == null)) {
                throw new ShapeException("entry must have exactly one of value and blob");
            }
            return new ConfigEntry(namespace, key, value, type, version, updatedAt, updatedBy, revision, blob);
        }

        AuditEvent auditEvent() throws IOException {
            String timestamp = string();
            String actionName = string();
            AuditAction action = AuditAction.fromWireName(actionName);
            if (action == null) {
                throw new ShapeException("unknown audit action \"" + actionName + "\"");
            }
            String actor = string();
            String namespace = string();
            String key = nullableString();
            String oldValue = nullableString();
            String newValue = nullableString();
            long versionPlusOne = varLong();
            long revision = varLong();
            String oldBlob = nullableString();
            String newBlob = nullableString();
            return new AuditEvent(timestamp, action, actor, namespace, key, oldValue, newValue,
                    versionPlusOne == 0 ? null : versionPlusOne - 1, revision, oldBlob, newBlob);
        }
    }
}
