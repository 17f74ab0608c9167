package io.confman.codec.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Anything that is not a valid envelope decodes to {@code Malformed} and never throws: random
 * garbage (seeded, so the run is repeatable and the reason is the same on a second decode), every
 * truncation of a valid entry, and hand-made envelopes that are wrong in one way each.
 */
class CommandCodecMalformedTest {

    @Test
    void randomGarbageIsMalformedWithTheSameReasonEveryTime() {
        Random random = new Random(20260212);
        for (int i = 0; i < 5_000; i++) {
            byte[] garbage = new byte[random.nextInt(300)];
            random.nextBytes(garbage);
            if (random.nextBoolean() && garbage.length > 0) {
                garbage[0] = '{';
            }
            DecodeResult first = CommandCodec.decode(garbage);
            assertInstanceOf(DecodeResult.Malformed.class, first, () -> Arrays.toString(garbage));
            assertEquals(first, CommandCodec.decode(garbage.clone()));
        }
    }

    @Test
    void everyTruncationOfAValidEntryIsMalformed() {
        for (Command command : SampleCommands.byGoldenName().values()) {
            byte[] encoded = CommandCodec.encode(command);
            for (int length = 0; length < encoded.length; length++) {
                DecodeResult result = CommandCodec.decode(Arrays.copyOf(encoded, length));
                assertInstanceOf(DecodeResult.Malformed.class, result, "prefix of length " + length);
            }
        }
    }

    static Stream<Arguments> brokenEnvelopes() {
        String body = "{\"path\":\"p\",\"actor\":\"a\",\"timestamp\":\"t\"}";
        return Stream.of(
                Arguments.of("", "empty entry"),
                Arguments.of("\u0000\u0000\u0000", "only 3 zero bytes"),
                Arguments.of("[1,2,3]", "not a JSON object"),
                Arguments.of("\"text\"", "not a JSON object"),
                Arguments.of("{\"format\":7,\"type\":\"DeleteNamespace\",\"body\":" + body + "}",
                        "unsupported envelope format version 7 (supports 1 to 2)"),
                Arguments.of("{\"format\":\"1\",\"type\":\"DeleteNamespace\",\"body\":" + body + "}",
                        "field \"format\" must be an integer"),
                Arguments.of("{\"format\":1.0,\"type\":\"DeleteNamespace\",\"body\":" + body + "}",
                        "field \"format\" must be an integer"),
                Arguments.of("{\"format\":1,\"type\":\"DropTable\",\"body\":" + body + "}",
                        "unknown command type \"DropTable\""),
                Arguments.of("{\"format\":1,\"type\":\"DeleteNamespace\"}", "missing field \"body\""),
                Arguments.of("{\"format\":1,\"type\":\"DeleteNamespace\",\"body\":{\"path\":\"p\",\"actor\":\"a\"}}",
                        "missing field \"timestamp\""),
                Arguments.of("{\"format\":1,\"type\":\"DeleteNamespace\",\"body\":{\"path\":5,\"actor\":\"a\","
                        + "\"timestamp\":\"t\"}}", "field \"path\" must be a string"),
                Arguments.of("{\"format\":1,\"type\":\"DeleteNamespace\",\"body\":{\"path\":\"p\",\"actor\":\"a\","
                        + "\"timestamp\":\"t\",\"force\":true}}", "unknown field \"force\""),
                Arguments.of("{\"format\":1,\"type\":\"SetConfigBlobRef\",\"body\":{\"namespace\":\"n\",\"key\":\"k\","
                        + "\"sha256\":\"x\",\"size\":\"12\",\"contentType\":\"c\",\"actor\":\"a\",\"timestamp\":\"t\"}}",
                        "field \"size\" must be an integer"),
                Arguments.of("{\"format\":1,\"type\":\"SetConfig\",\"body\":{\"namespace\":\"n\",\"key\":\"k\","
                        + "\"value\":\"v\",\"type\":\"string\",\"actor\":\"a\",\"timestamp\":\"t\",\"createOnly\":\"yes\"}}",
                        "field \"createOnly\" must be a boolean"),
                Arguments.of("{\"format\":1,\"format\":1,\"type\":\"DeleteNamespace\",\"body\":" + body + "}",
                        "Duplicate field"),
                Arguments.of("{\"format\":1,\"type\":\"DeleteNamespace\",\"body\":" + body + "} {}", "not valid JSON"),
                Arguments.of("[".repeat(5_000), "not valid JSON"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("brokenEnvelopes")
    void brokenEnvelopeIsMalformedWithAReason(String entry, String expectedReasonPart) {
        DecodeResult result = CommandCodec.decode(entry.getBytes(StandardCharsets.UTF_8));
        DecodeResult.Malformed malformed = assertInstanceOf(DecodeResult.Malformed.class, result);
        assertTrue(malformed.reason().contains(expectedReasonPart),
                () -> "reason \"" + malformed.reason() + "\" should mention \"" + expectedReasonPart + "\"");
    }

    @Test
    void anEntryOverTheSizeLimitIsMalformedWithoutBeingParsed() {
        byte[] huge = new byte[CommandCodec.MAX_ENTRY_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        assertInstanceOf(DecodeResult.Malformed.class, CommandCodec.decode(huge));
    }
}
