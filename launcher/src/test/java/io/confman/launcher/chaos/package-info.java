/**
 * The fault suite ({@code ./confman chaos}): client traffic against a real local cluster whose
 * Raft links run through {@link io.confman.launcher.chaos.LinkProxy}, a random schedule of faults
 * (kills, pauses, partitions, snapshot catch-up, damaged blob files, a full disk), a history of
 * every operation, and the checkers run over it: per-key linearizability
 * ({@link io.confman.launcher.chaos.RegisterChecker}), no acknowledged write lost, revisions that
 * never go backwards, served blobs that hash to their id ({@link io.confman.launcher.chaos.HistoryChecks}),
 * one state hash on every member, and writes accepted again within a bound after each fault heals.
 * Test code: it lives beside the launcher testkit it builds on and never ships in the node image.
 */
package io.confman.launcher.chaos;
