/**
 * The replicated domain: namespaces, config entries (inline or pointing at a blob) and audit events.
 * These immutable records are what the state machine stores, what snapshots carry and what the web
 * layer serialises; their JSON field names are the ones API.md promises to clients.
 */
package io.confman.codec.model;
