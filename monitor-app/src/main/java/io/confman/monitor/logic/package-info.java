/**
 * The monitor's pure rules, free of I/O, threads and JavaFX: the cluster status
 * (HEALTHY / DEGRADED / NO QUORUM), replication lag, elections, offline nodes, snapshots over
 * budget and the write rate, all derived from successive poll rounds. Time comes in with the data,
 * so every rule is deterministic and tested without a display.
 */
package io.confman.monitor.logic;
