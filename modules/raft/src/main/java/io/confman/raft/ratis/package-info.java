/**
 * The Apache Ratis adapter: the only place Ratis types appear. It maps {@link
 * io.confman.raft.node.RaftSettings} onto Ratis properties, drives a {@link
 * io.confman.raft.node.ReplicatedStateMachine} from Ratis's apply thread, stores snapshots as
 * single streamed files, and answers the {@link io.confman.raft.node.ClusterNode} seam. Not
 * exported.
 */
package io.confman.raft.ratis;
