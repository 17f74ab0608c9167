package io.confman.codec.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.model.BlobRef;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The backup stream written by {@link BackupWriter} and read back by {@link BackupReader}: every
 * record comes back equal, blob bytes byte for byte, and a stream with one byte changed, cut
 * short, or extended is refused with a {@link BackupException}.
 */
class BackupFormatTest {
    private static final byte[] BLOB = randomBytes(200_000);
    private static final BlobRef REF = new BlobRef(sha256(BLOB), BLOB.length, "application/octet-stream");
    private static final Namespace NAMESPACE = new Namespace("prod", "production", "ops", "2026-01-01T00:00:00Z");
    private static final ConfigEntry INLINE = new ConfigEntry("prod", "flag", "on", "string", 3,
            "2026-01-02T00:00:00Z", "ops", 17, null);
    private static final ConfigEntry BLOB_ENTRY = new ConfigEntry("prod", "model", null, "blob", 1,
            "2026-01-03T00:00:00Z", "ops", 18, REF);

    @Test
    void everyRecordReadsBackEqualAndTheBlobByteForByte() throws IOException {
        BackupReader reader = new BackupReader(new ByteArrayInputStream(backup()));
        assertEquals(new BackupHeader(1, 18, 20, "2026-01-04T00:00:00Z", 1, 2, 1, BLOB.length), reader.header());
        assertEquals(NAMESPACE, ((BackupRecord.NamespaceRecord) reader.next()).namespace());
        assertEquals(INLINE, ((BackupRecord.EntryRecord) reader.next()).entry());
        assertEquals(BLOB_ENTRY, ((BackupRecord.EntryRecord) reader.next()).entry());
        BackupRecord.BlobRecord blob = (BackupRecord.BlobRecord) reader.next();
        assertEquals(REF.sha256(), blob.sha256());
        assertArrayEquals(BLOB, reader.blobContent().readAllBytes());
        byte[] whole = backup();
        assertArrayEquals(BLOB, Arrays.copyOfRange(whole, (int) blob.offset(), (int) blob.offset() + BLOB.length));
        assertInstanceOf(BackupRecord.End.class, reader.next());
    }

    @Test
    void verifyAcceptsAWholeBackup() throws IOException {
        assertEquals(2, BackupReader.verify(new ByteArrayInputStream(backup())).header().entries());
    }

    @Test
    void oneChangedByteAnywhereIsRefused() throws IOException {
        byte[] good = backup();
        for (int at : new int[] {good.length / 3, good.length / 2, good.length - 80}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x01;
            assertThrows(IOException.class, () -> BackupReader.verify(new ByteArrayInputStream(bad)), "byte " + at);
        }
    }

    @Test
    void aBackupCutShortOrExtendedIsRefused() throws IOException {
        byte[] good = backup();
        BackupException cut = assertThrows(BackupException.class,
                () -> BackupReader.verify(new ByteArrayInputStream(Arrays.copyOf(good, good.length - 100))));
        assertTrue(cut.getMessage().contains("damaged"), cut.getMessage());
        assertThrows(BackupException.class,
                () -> BackupReader.verify(new ByteArrayInputStream(Arrays.copyOf(good, good.length + 1))));
        BackupException other = assertThrows(BackupException.class,
                () -> BackupReader.verify(new ByteArrayInputStream("{\"not\":\"a backup\"}\n".getBytes())));
        assertTrue(other.getMessage().contains("not a Confman backup"), other.getMessage());
    }

    private static byte[] backup() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackupWriter writer = new BackupWriter(out, new BackupHeader(1, 18, 20, "2026-01-04T00:00:00Z", 1, 2, 1,
                BLOB.length));
        writer.namespace(NAMESPACE);
        writer.entry(INLINE);
        writer.entry(BLOB_ENTRY);
        writer.blob(REF, new ByteArrayInputStream(BLOB));
        writer.finish();
        return out.toByteArray();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(5).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
