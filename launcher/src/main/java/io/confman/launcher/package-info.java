/**
 * Node start-up: command line, configuration loading and validation, and the wiring of Raft,
 * blob store and HTTP into one running node.
 */
package io.confman.launcher;
