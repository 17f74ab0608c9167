package io.confman.codec.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the log-entry format: each command type encodes to exactly the bytes of its golden file in
 * {@code src/test/resources/golden/}, and those bytes decode back to an equal command. A failure
 * here means the Raft log format changed, which needs a new envelope format version.
 */
class CommandCodecGoldenTest {

    static Stream<String> goldenNames() {
        return SampleCommands.byGoldenName().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("goldenNames")
    void encodingMatchesTheGoldenFileByteForByte(String name) throws IOException {
        byte[] golden = golden(name);
        byte[] encoded = CommandCodec.encode(SampleCommands.byGoldenName().get(name));
        assertArrayEquals(golden, encoded, () -> "expected " + new String(golden, StandardCharsets.UTF_8)
                + "\n but was " + new String(encoded, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("goldenNames")
    void goldenFileDecodesToTheSampleCommand(String name) throws IOException {
        DecodeResult result = CommandCodec.decode(golden(name));
        assertEquals(new DecodeResult.Decoded(SampleCommands.byGoldenName().get(name), 0), result);
    }

    @Test
    void everyCommandTypeHasAGoldenFile() {
        assertEquals(Arrays.stream(CommandType.values()).map(CommandType::wireName).sorted().toList(),
                goldenNames().sorted().toList());
    }

    @Test
    void aRevisionPreconditionIsWrittenInFormatTwoAndEverythingElseStaysFormatOne() throws IOException {
        Command command = new DeleteConfig("prod/payments", "db.url", "ci-bot", "2026-02-12T10:15:33Z",
                Preconditions.ifMatchRevision(42));
        byte[] golden = golden("format2/DeleteConfig");
        assertArrayEquals(golden, CommandCodec.encode(command), () -> new String(CommandCodec.encode(command),
                StandardCharsets.UTF_8));
        assertEquals(new DecodeResult.Decoded(command, 0), CommandCodec.decode(golden));
    }

    @Test
    void formatOneRefusesTheRevisionPrecondition() {
        String entry = "{\"format\":1,\"type\":\"DeleteConfig\",\"body\":{\"namespace\":\"n\",\"key\":\"k\","
                + "\"actor\":\"a\",\"timestamp\":\"t\",\"ifMatchRevision\":42,\"createOnly\":false}}";
        assertInstanceOf(DecodeResult.Malformed.class, CommandCodec.decode(entry.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void optionalFieldsRoundTripWhenAbsent() {
        Command command = new SetNamespace("dev", null, null, "a", "2026-01-01T00:00:00Z");
        assertEquals(new DecodeResult.Decoded(command, 0), CommandCodec.decode(CommandCodec.encode(command)));
        Command blob = new SetConfigBlobRef("dev", "k", SampleCommands.SHA, 0, "application/octet-stream", null,
                "a", "2026-01-01T00:00:00Z", Preconditions.NONE);
        assertEquals(new DecodeResult.Decoded(blob, 0), CommandCodec.decode(CommandCodec.encode(blob)));
    }

    @Test
    void nonAsciiTextRoundTrips() {
        Command command = new SetConfig("dev", "grüße", "值 \"quoted\" \n\u0000 end", "string", "Zoë",
                "2026-01-01T00:00:00Z", Preconditions.NONE);
        assertEquals(new DecodeResult.Decoded(command, 0), CommandCodec.decode(CommandCodec.encode(command)));
    }

    static byte[] golden(String name) throws IOException {
        try (InputStream in = CommandCodecGoldenTest.class.getResourceAsStream("/golden/" + name + ".json")) {
            assertNotNull(in, "missing golden file " + name);
            return in.readAllBytes();
        }
    }
}
