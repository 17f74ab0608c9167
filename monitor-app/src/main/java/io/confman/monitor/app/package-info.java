/**
 * Start-up: reads the launch options (node URLs, API key, poll interval, snapshot budget) from the
 * command line and an optional settings file, wires client, model and views together, and owns
 * the lifecycle of the poller. Nothing here computes what the user sees.
 */
package io.confman.monitor.app;
