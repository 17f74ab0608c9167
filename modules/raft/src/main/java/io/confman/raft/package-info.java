/**
 * The replicated configuration state machine: a pure, deterministic core that applies encoded log
 * entries to namespaces, config entries and their audit history, answers the web layer's queries,
 * and writes and restores snapshots as streams. Nothing here touches Ratis, files, clocks or
 * threads; the Ratis adapter feeds {@link io.confman.raft.ConfigStateMachine} from its apply thread
 * and the web layer reads it through {@link io.confman.raft.ConfigQueries}.
 */
package io.confman.raft;
