/**
 * The Apache Ratis adapter: the only place Ratis types appear. It maps {@link
 * io.confman.raft.node.RaftSettings} onto Ratis properties, drives the {@link
 * io.confman.raft.ConfigStateMachine} from Ratis's apply thread ({@code StateMachineAdapter}, which
 * also encodes the replies), stores snapshots as single streamed files, and answers the {@link
 * io.confman.raft.node.ClusterNode} seam. Not exported: {@code io.confman.raft.start} starts it.
 */
package io.confman.raft.ratis;
