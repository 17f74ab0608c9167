/**
 * The replicated configuration state machine and the node-facing API of the Raft layer.
 */
package io.confman.raft;
