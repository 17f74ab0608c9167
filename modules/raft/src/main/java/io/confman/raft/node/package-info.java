/**
 * The node-facing API of the Raft layer: the settings a node runs with, its observable status and
 * the {@link io.confman.raft.node.ClusterNode} seam through which the web layer proposes commands
 * and waits for linearizable reads. Nothing here names a Ratis type; the Ratis adapter behind it is
 * not exported.
 */
package io.confman.raft.node;
