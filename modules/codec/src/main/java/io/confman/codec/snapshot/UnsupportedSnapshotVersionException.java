package io.confman.codec.snapshot;

/** The snapshot was written in a format version this node does not read. */
public final class UnsupportedSnapshotVersionException extends SnapshotException {

    private final int version;

    public UnsupportedSnapshotVersionException(int version) {
        super("snapshot format version " + version + " is not supported by this node (supports "
                + SnapshotFormat.OLDEST_READABLE_VERSION + " to " + SnapshotFormat.VERSION + ")");
        this.version = version;
    }

    /** The version found in the file. */
    public int version() {
        return version;
    }
}
