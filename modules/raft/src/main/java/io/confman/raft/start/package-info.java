/**
 * Where a node's Raft starts: {@link io.confman.raft.start.RaftNodes} checks the settings and
 * starts the Ratis-backed {@link io.confman.raft.node.ClusterNode}, which applies the committed log
 * to the node's {@link io.confman.raft.ConfigStateMachine}. The one exported package that reaches
 * into the Ratis adapter, so that the adapter depends on the node API and nothing depends back.
 */
package io.confman.raft.start;
