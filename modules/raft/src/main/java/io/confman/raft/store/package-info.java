/**
 * The replicated configuration store as the web layer uses it: commands proposed through Raft
 * with their {@link io.confman.raft.ApplyResult} carried back to the proposing node, and reads
 * served from the local state machine either after a linearizable barrier or at once (stale).
 */
package io.confman.raft.store;
