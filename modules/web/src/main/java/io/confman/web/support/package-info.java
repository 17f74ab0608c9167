/**
 * Small pieces every HTTP package of the node uses: the one JSON mapper and its response helper,
 * the correlation id given to every request and answer, and SHA-256 of small in-memory inputs.
 * Depends on no other package of this module, so that the packages using it ({@code http},
 * {@code problem}, {@code api}, {@code auth}, {@code blob}) need not depend on each other.
 */
package io.confman.web.support;
