package io.confman.codec.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandBatchTest {

    private static final List<Command> SAMPLES = List.copyOf(SampleCommands.byGoldenName().values());

    private static List<byte[]> encoded(List<Command> commands) {
        return commands.stream().map(CommandCodec::encode).toList();
    }

    @Test
    void aBatchDecodesToItsCommandsInOrder() {
        byte[] entry = CommandBatch.encode(encoded(SAMPLES));
        assertTrue(CommandBatch.isBatch(ByteBuffer.wrap(entry)));
        List<DecodeResult> decoded = CommandBatch.decode(ByteBuffer.wrap(entry));
        assertEquals(SAMPLES.size(), decoded.size());
        for (int i = 0; i < SAMPLES.size(); i++) {
            assertEquals(SAMPLES.get(i), assertInstanceOf(DecodeResult.Decoded.class, decoded.get(i)).command());
        }
    }

    @Test
    void oneCommandIsWrittenInTheSingleCommandFormByteForByte() {
        byte[] single = CommandCodec.encode(SAMPLES.getFirst());
        byte[] entry = CommandBatch.encode(List.of(single));
        assertArrayEquals(single, entry);
        assertFalse(CommandBatch.isBatch(ByteBuffer.wrap(entry)));
        List<DecodeResult> decoded = CommandBatch.decode(ByteBuffer.wrap(entry));
        assertEquals(List.of(new DecodeResult.Decoded(SAMPLES.getFirst(), 0)), decoded);
    }

    @Test
    void decodingReadsFromTheBufferPositionAndDoesNotMoveIt() {
        byte[] batch = CommandBatch.encode(encoded(SAMPLES.subList(0, 2)));
        ByteBuffer buffer = ByteBuffer.allocate(batch.length + 3).put(new byte[] {9, 9, 9}).put(batch);
        buffer.position(3);
        assertEquals(2, CommandBatch.decode(buffer).size());
        assertEquals(3, buffer.position());
    }

    @Test
    void aMalformedCommandInsideABatchIsSkippedAloneAndTheOthersApply() {
        List<byte[]> commands = new ArrayList<>(encoded(SAMPLES.subList(0, 2)));
        commands.add(1, "{\"format\":1,\"type\":\"nope\",\"body\":{}}".getBytes());
        List<DecodeResult> decoded = CommandBatch.decode(ByteBuffer.wrap(CommandBatch.encode(commands)));
        assertEquals(3, decoded.size());
        assertInstanceOf(DecodeResult.Decoded.class, decoded.get(0));
        assertInstanceOf(DecodeResult.Malformed.class, decoded.get(1));
        assertInstanceOf(DecodeResult.Decoded.class, decoded.get(2));
    }

    @Test
    void aDamagedFrameIsOneMalformedResultForTheWholeEntry() {
        byte[] entry = CommandBatch.encode(encoded(SAMPLES));
        List<byte[]> damaged = List.of(
                Arrays.copyOf(entry, entry.length - 1),                       // cut short
                Arrays.copyOf(entry, entry.length + 1),                       // trailing byte
                Arrays.copyOf(entry, 10),                                     // ends inside a length
                withInt(entry, 4, 1),                                         // count of one
                withInt(entry, 4, CommandBatch.MAX_COMMANDS + 1),             // count too high
                withInt(entry, 8, Integer.MAX_VALUE),                         // first length beyond the end
                withInt(entry, 8, -1));                                       // negative length
        for (byte[] bytes : damaged) {
            List<DecodeResult> decoded = CommandBatch.decode(ByteBuffer.wrap(bytes));
            assertEquals(1, decoded.size(), () -> "for " + bytes.length + " bytes");
            assertInstanceOf(DecodeResult.Malformed.class, decoded.getFirst());
        }
    }

    @Test
    void batchesOfNoneOrTooManyCommandsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CommandBatch.encode(List.of()));
        byte[] one = CommandCodec.encode(SAMPLES.getFirst());
        assertThrows(IllegalArgumentException.class,
                () -> CommandBatch.encode(Collections.nCopies(CommandBatch.MAX_COMMANDS + 1, one)));
        assertEquals(CommandBatch.MAX_COMMANDS,
                CommandBatch.decode(ByteBuffer.wrap(CommandBatch.encode(Collections.nCopies(CommandBatch.MAX_COMMANDS, one))))
                        .size());
    }

    private static byte[] withInt(byte[] entry, int offset, int value) {
        byte[] copy = entry.clone();
        ByteBuffer.wrap(copy).putInt(offset, value);
        return copy;
    }
}
