/**
 * Helpers shared by the command and snapshot codecs and kept out of the module's API: the strict
 * field readers that turn a parsed JSON object into checked values, and the one configured Jackson
 * mapper. Not exported.
 */
package io.confman.codec.internal;
