/**
 * Content-addressed blob storage: blobs are named by the SHA-256 of their bytes.
 */
package io.confman.blob;
