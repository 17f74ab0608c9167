package io.confman.blob;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * Identifies one version of a blob file: a copy verified under one stamp must be verified again
 * once its size, modification time or file key (device and inode) differ.
 */
record FileStamp(long sizeBytes, FileTime lastModified, Object fileKey) {

    static FileStamp of(BasicFileAttributes attributes) {
        return new FileStamp(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
    }
}
