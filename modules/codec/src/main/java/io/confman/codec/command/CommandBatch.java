package io.confman.codec.command;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Several commands in one log entry: they are applied in order, each with its own result, so that
 * concurrent writes share the per-entry costs of replication (one append, one fsync wake-up, one
 * commit, one reply) instead of paying them each.
 *
 * <p>Layout: the 4 ASCII bytes {@code CMB1}, a big-endian int count (1..{@value #MAX_COMMANDS}),
 * then per command a big-endian int length and that many bytes of {@link CommandCodec} encoding.
 * The magic can never start a single-command entry (those start with {@code {} after optional
 * zero padding), so the two kinds are told apart by their first bytes. An entry of one command is
 * always written in the single-command form, byte for byte as before batches existed.
 *
 * <p>Stateless and thread-safe.
 */
public final class CommandBatch {

    /** Most commands one batch entry may carry. */
    public static final int MAX_COMMANDS = 4096;

    private static final byte[] MAGIC = "CMB1".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = MAGIC.length + Integer.BYTES;

    private CommandBatch() {
    }

    /** The entry bytes of {@code commands} (each already {@link CommandCodec#encode encoded}), in order. */
    public static byte[] encode(List<byte[]> commands) {
        if (commands.isEmpty() || commands.size() > MAX_COMMANDS) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_COMMANDS + " commands, not "
                    + commands.size());
        }
        if (commands.size() == 1) {
            return commands.getFirst();
        }
        int size = HEADER_BYTES;
        for (byte[] command : commands) {
            size += Integer.BYTES + command.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(MAGIC).putInt(commands.size());
        for (byte[] command : commands) {
            out.putInt(command.length).put(command);
        }
        return out.array();
    }

    /**
     * Decodes an entry of either kind into its commands, in order: one result per command of a
     * batch, one for a single-command entry. A damaged batch frame decodes as one {@link
     * DecodeResult.Malformed} for the whole entry. Never throws; does not move {@code entry}'s
     * position.
     */
    public static List<DecodeResult> decode(ByteBuffer entry) {
        ByteBuffer view = entry.duplicate();
        if (!isBatch(view)) {
            return List.of(CommandCodec.decode(view));
        }
        view.position(view.position() + HEADER_BYTES - Integer.BYTES);
        int count = view.getInt();
        if (count < 2 || count > MAX_COMMANDS) {
            return List.of(new DecodeResult.Malformed("batch entry declares " + count + " commands"));
        }
        List<DecodeResult> decoded = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (view.remaining() < Integer.BYTES) {
                return List.of(new DecodeResult.Malformed("batch entry ends before command " + (i + 1) + " of " + count));
            }
            int length = view.getInt();
            if (length < 0 || length > view.remaining()) {
                return List.of(new DecodeResult.Malformed("batch entry's command " + (i + 1) + " declares " + length
                        + " bytes, " + view.remaining() + " remain"));
            }
            ByteBuffer command = view.slice(view.position(), length);
            view.position(view.position() + length);
            decoded.add(CommandCodec.decode(command));
        }
        if (view.hasRemaining()) {
            return List.of(new DecodeResult.Malformed("batch entry has " + view.remaining() + " bytes after its "
                    + count + " commands"));
        }
        return decoded;
    }

    /** Whether {@code entry} (from its position) is a batch entry, as opposed to a single command. */
    public static boolean isBatch(ByteBuffer view) {
        if (view.remaining() < HEADER_BYTES) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (view.get(view.position() + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
