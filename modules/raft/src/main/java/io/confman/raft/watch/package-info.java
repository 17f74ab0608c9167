/**
 * Watching a namespace's changes: a {@link io.confman.raft.watch.ChangeFeed} hears every applied
 * change from the state machine and hands each watcher its namespace's changes through a bounded
 * queue, after the retained history it starts from. Nothing here does I/O; the HTTP layer turns a
 * {@link io.confman.raft.watch.Watch} into a stream.
 */
package io.confman.raft.watch;
