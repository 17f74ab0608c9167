package io.confman.codec.command;

import java.util.Objects;

/** What decoding one log entry gave: a command, or the reason the entry is malformed. */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.Malformed {

    /**
     * A well-formed entry.
     *
     * @param command          the command
     * @param leadingZeroBytes how many 0x00 padding bytes preceded the envelope (usually 0)
     */
    record Decoded(Command command, int leadingZeroBytes) implements DecodeResult {
        public Decoded {
            Objects.requireNonNull(command, "command");
        }
    }

    /**
     * An entry that is not a valid envelope. The reason is deterministic for the same bytes, so
     * every node logs and skips it identically.
     *
     * @param reason a short human-readable explanation
     */
    record Malformed(String reason) implements DecodeResult {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
