/**
 * The backup file: every namespace, entry and blob value of a state at one revision, in one
 * stream that carries its own SHA-256, so that a file cut short or damaged is refused before
 * anything is restored from it. {@link io.confman.codec.backup.BackupWriter} writes it (the node's
 * {@code GET /api/v1/backup}), {@link io.confman.codec.backup.BackupReader} reads and checks it
 * ({@code confman ctl backup} and {@code restore}).
 */
package io.confman.codec.backup;
