/**
 * Starting a node's HTTP server: {@link io.confman.web.ConfmanWebServer#start} wires the routes
 * to a running {@link io.confman.raft.node.ClusterNode}.
 */
package io.confman.web;
