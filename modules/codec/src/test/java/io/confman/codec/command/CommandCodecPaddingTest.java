package io.confman.codec.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Leading 0x00 padding, which some log stores put before an entry, is skipped: every command type
 * with 1, 8, 64 and 256 zero bytes in front decodes to the same command, through each of the
 * decoder's inputs (array, heap and direct buffer, stream).
 */
class CommandCodecPaddingTest {

    static Stream<Arguments> paddedCommands() {
        return Stream.of(1, 8, 64, 256).flatMap(zeros -> SampleCommands.byGoldenName().values().stream()
                .map(command -> Arguments.of(zeros, command)));
    }

    @ParameterizedTest(name = "{0} zero bytes before {1}")
    @MethodSource("paddedCommands")
    void paddedEntryDecodesFromBytes(int zeros, Command command) {
        assertEquals(new DecodeResult.Decoded(command, zeros), CommandCodec.decode(padded(zeros, command)));
    }

    @ParameterizedTest(name = "{0} zero bytes before {1}")
    @MethodSource("paddedCommands")
    void paddedEntryDecodesFromHeapAndDirectBuffers(int zeros, Command command) {
        byte[] padded = padded(zeros, command);
        ByteBuffer heap = ByteBuffer.allocate(padded.length + 10).position(5);
        heap.put(padded).flip().position(5);
        ByteBuffer direct = ByteBuffer.allocateDirect(padded.length).put(padded).flip();
        assertEquals(new DecodeResult.Decoded(command, zeros), CommandCodec.decode(heap));
        assertEquals(new DecodeResult.Decoded(command, zeros), CommandCodec.decode(direct));
        assertEquals(0, direct.position(), "decoding must not consume the caller's buffer");
    }

    @ParameterizedTest(name = "{0} zero bytes before {1}")
    @MethodSource("paddedCommands")
    void paddedEntryDecodesFromAStream(int zeros, Command command) {
        DecodeResult result = CommandCodec.decode(new ByteArrayInputStream(padded(zeros, command)));
        assertEquals(new DecodeResult.Decoded(command, zeros), result);
    }

    private static byte[] padded(int zeros, Command command) {
        byte[] encoded = CommandCodec.encode(command);
        byte[] padded = new byte[zeros + encoded.length];
        System.arraycopy(encoded, 0, padded, zeros, encoded.length);
        return padded;
    }
}
