/**
 * JSON records exchanged over HTTP between nodes, clients and the monitor: the reference-compatible
 * health answer and the cluster view inside it. Field names and order are part of the API contract
 * (API.md), so these records change only together with that document.
 */
package io.confman.codec.wire;
