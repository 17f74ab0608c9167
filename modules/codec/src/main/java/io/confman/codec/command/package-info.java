/**
 * The commands replicated through the Raft log and their versioned envelope. {@link
 * io.confman.codec.command.CommandCodec} turns a {@link io.confman.codec.command.Command} into the
 * exact bytes of a log entry and back; decoding never throws for bad input but answers a sealed
 * {@link io.confman.codec.command.DecodeResult}, so every node skips a damaged entry the same way.
 */
package io.confman.codec.command;
