package io.confman.codec.backup;

import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;

/** One record of a backup stream after its header, as {@link BackupReader#next} returns it. */
public sealed interface BackupRecord {

    record NamespaceRecord(Namespace namespace) implements BackupRecord {
    }

    record EntryRecord(ConfigEntry entry) implements BackupRecord {
    }

    /**
     * A blob value; its bytes are {@link BackupReader#blobContent} until the next call to next.
     *
     * @param sha256 the value's SHA-256 (hex), checked while the bytes are read
     * @param size   its length in bytes
     * @param offset where its bytes start in the stream
     */
    record BlobRecord(String sha256, long size, long offset) implements BackupRecord {
    }

    /** The trailer, reached with every byte before it matching its SHA-256 and every count its header's. */
    record End(BackupHeader header, String sha256) implements BackupRecord {
    }
}
