/**
 * Errors as RFC 9457 {@code application/problem+json}: the one table mapping every error this node
 * can answer (our own, Raft's, Helidon's) to a status and title, the exception that carries an
 * expected error out of a handler, and the routing error handler and direct handler that write
 * every error body, so that no response is ever HTML, plain text or an empty 500.
 */
package io.confman.web.problem;
