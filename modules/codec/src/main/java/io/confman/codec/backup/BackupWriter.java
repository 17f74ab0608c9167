package io.confman.codec.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confman.codec.model.BlobRef;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Writes a backup stream, in this order (every line ends with {@code \n}):
 * <ol>
 *   <li>{@link #MAGIC}</li>
 *   <li>the {@link BackupHeader} as one JSON line</li>
 *   <li>one line {@code {"namespace":{...}}} per namespace, then one {@code {"entry":{...}}} per
 *       entry (the stored records' JSON, blob-backed entries with their {@code blob} pointer)</li>
 *   <li>per distinct blob: a line {@code {"blob":{"sha256":...,"size":N}}}, then exactly N bytes of
 *       the value, then {@code \n}</li>
 *   <li>the trailer {@code {"sha256":"<hex>"}}: the SHA-256 of every byte before it</li>
 * </ol>
 * The caller writes the records in that order with the counts the header announced; the writer
 * checks both. Not thread-safe; the caller closes the stream.
 */
public final class BackupWriter {
    /** The first line of every backup. */
    public static final String MAGIC = "confman-backup";
    public static final int FORMAT_VERSION = 1;
    static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream raw;
    private final DigestOutputStream out;
    private final BackupHeader header;
    private long namespaces;
    private long entries;
    private long blobs;

    /** Starts a backup on {@code out}: writes the magic line and the header. */
    public BackupWriter(OutputStream out, BackupHeader header) throws IOException {
        this.raw = out;
        this.out = new DigestOutputStream(out, sha256());
        this.header = header;
        this.out.write((MAGIC + " " + FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
        line(header);
    }

    public void namespace(Namespace namespace) throws IOException {
        if (namespaces == header.namespaces() || entries > 0) {
            throw new IllegalStateException("namespace record out of order or over the announced count");
        }
        namespaces++;
        line(Map.of("namespace", namespace));
    }

    public void entry(ConfigEntry entry) throws IOException {
        if (namespaces != header.namespaces() || entries == header.entries() || blobs > 0) {
            throw new IllegalStateException("entry record out of order or over the announced count");
        }
        entries++;
        line(Map.of("entry", entry));
    }

    /** Writes one blob record: exactly {@code ref.size()} bytes read from {@code content}. */
    public void blob(BlobRef ref, InputStream content) throws IOException {
        if (entries != header.entries() || blobs == header.blobs()) {
            throw new IllegalStateException("blob record out of order or over the announced count");
        }
        blobs++;
        line(Map.of("blob", Map.of("sha256", ref.sha256(), "size", ref.size())));
        long copied = copy(content, ref.size());
        if (copied != ref.size() || content.read() != -1) {
            throw new IOException("blob " + ref.sha256() + " has not the " + ref.size() + " bytes it was written with");
        }
        out.write('\n');
    }

    /** Writes the trailer; the stream then holds a whole backup. */
    public void finish() throws IOException {
        if (namespaces != header.namespaces() || entries != header.entries() || blobs != header.blobs()) {
            throw new IllegalStateException("fewer records than the header announced");
        }
        String hex = HexFormat.of().formatHex(out.getMessageDigest().digest());
        raw.write(("{\"sha256\":\"" + hex + "\"}\n").getBytes(StandardCharsets.US_ASCII));
        raw.flush();
    }

    private long copy(InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        while (copied < limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            copied += n;
        }
        return copied;
    }

    private void line(Object value) throws IOException {
        try {
            out.write(JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a backup record did not serialise", e);
        }
        out.write('\n');
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
