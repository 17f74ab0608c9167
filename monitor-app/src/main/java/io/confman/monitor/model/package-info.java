/**
 * What the views show, as read-only JavaFX properties and observable lists, changed only on the
 * FX thread (or, in tests, on the thread that drives the same-thread executor). The poller and the
 * browser run HTTP on background threads and hand results over through an {@link
 * java.util.concurrent.Executor} that stands for the FX thread.
 */
package io.confman.monitor.model;
