package io.confman.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.command.Command;
import io.confman.codec.command.CommandCodec;
import io.confman.codec.command.DeleteConfig;
import io.confman.codec.command.DeleteNamespace;
import io.confman.codec.command.Preconditions;
import io.confman.codec.command.SetConfig;
import io.confman.codec.command.SetConfigBlobRef;
import io.confman.codec.command.SetNamespace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds 20,000 seeded random payloads — random bytes, zero-padded valid entries, truncated valid
 * entries, JSON with one character changed, and plain valid entries — to two independent state
 * machines. Checks that apply never throws, that valid entries (padded or not) are never skipped,
 * and that both machines end with the same state hash, applied index and malformed count.
 */
class ApplyFuzzTest {

    private static final int PAYLOADS = 20_000;
    private static final String[] NAMESPACES = {"prod", "dev", "prod/payments", "x"};
    private static final String[] KEYS = {"a", "b", "db.url", "feature.flag", "k"};

    @Test
    void twoMachinesFedTheSameGarbageAndCommandsNeverThrowAndAgree() {
        Random random = new Random(7_2026);
        ConfigStateMachine first = new ConfigStateMachine(50);
        ConfigStateMachine second = new ConfigStateMachine(50);
        long skipped = 0;
        for (int i = 1; i <= PAYLOADS; i++) {
            Payload payload = nextPayload(random, i);
            LogPosition position = new LogPosition(1 + i / 1000, i);
            ApplyResult a = first.apply(position, payload.bytes());
            ApplyResult b = second.apply(position, payload.bytes().clone());
            assertEquals(a, b, "results differ at index " + i);
            if (payload.valid()) {
                assertTrue(!(a instanceof ApplyResult.Skipped), "valid entry skipped at " + i + ": " + a);
            }
            if (a instanceof ApplyResult.Skipped) {
                skipped++;
            }
        }
        assertEquals(first.stateHash(), second.stateHash());
        assertEquals(PAYLOADS, first.lastAppliedIndex());
        assertEquals(skipped, first.malformedEntryCount());
        assertEquals(first.malformedEntryCount(), second.malformedEntryCount());
        assertTrue(skipped > PAYLOADS / 4, "the mix should hold plenty of malformed entries: " + skipped);
        assertTrue(!first.allConfigs().isEmpty(), "the mix should also change the state");
    }

    @Test
    void allKindsOfMalformedEntriesAreSkippedAndCounted() {
        ConfigStateMachine machine = new ConfigStateMachine();
        List<byte[]> junk = List.of(new byte[0], new byte[64], "{".getBytes(StandardCharsets.UTF_8),
                "{\"format\":2}".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe});
        long index = 0;
        for (byte[] entry : junk) {
            assertInstanceOf(ApplyResult.Skipped.class, machine.apply(new LogPosition(1, ++index), entry));
        }
        assertEquals(junk.size(), machine.malformedEntryCount());
        assertEquals(index, machine.lastAppliedIndex());
    }

    private record Payload(byte[] bytes, boolean valid) {
    }

    private static Payload nextPayload(Random random, int index) {
        byte[] valid = CommandCodec.encode(randomCommand(random, index));
        return switch (random.nextInt(6)) {
            case 0 -> {
                byte[] garbage = new byte[random.nextInt(200)];
                random.nextBytes(garbage);
                yield new Payload(garbage, false);
            }
            case 1 -> {
                int zeros = new int[] {1, 8, 64, 256}[random.nextInt(4)];
                byte[] padded = new byte[zeros + valid.length];
                System.arraycopy(valid, 0, padded, zeros, valid.length);
                yield new Payload(padded, true);
            }
            case 2 -> new Payload(Arrays.copyOf(valid, random.nextInt(valid.length)), false);
            case 3 -> new Payload(mutate(random, valid), false);
            default -> new Payload(valid, true);
        };
    }

    /** One byte replaced by a JSON-significant or random character; may still be valid by chance. */
    private static byte[] mutate(Random random, byte[] valid) {
        byte[] mutated = valid.clone();
        byte[] alphabet = "{}[]\":,0123456789tfn -\\".getBytes(StandardCharsets.UTF_8);
        int position = random.nextInt(mutated.length);
        mutated[position] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
        return mutated;
    }

    private static Command randomCommand(Random random, int index) {
        String namespace = NAMESPACES[random.nextInt(NAMESPACES.length)];
        String key = KEYS[random.nextInt(KEYS.length)];
        String timestamp = Node.timestampFor(index);
        Preconditions preconditions = switch (random.nextInt(5)) {
            case 0 -> Preconditions.ifMatch(1 + random.nextInt(3));
            case 1 -> Preconditions.createOnlyIfAbsent();
            default -> Preconditions.NONE;
        };
        return switch (random.nextInt(10)) {
            case 0 -> new SetNamespace(namespace, random.nextBoolean() ? null : "d" + index, null, "actor", timestamp);
            case 1 -> new DeleteNamespace(namespace, "actor", timestamp);
            case 2, 3 -> new DeleteConfig(namespace, key, "actor", timestamp, preconditions);
            case 4 -> new SetConfigBlobRef(namespace, key, Node.sha(random.nextInt(20)), random.nextInt(1000),
                    "application/json", null, "actor", timestamp, preconditions);
            default -> new SetConfig(namespace, key, "v" + random.nextInt(100), "string", "actor", timestamp,
                    preconditions);
        };
    }

    static List<byte[]> validEntries(int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> entries = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            entries.add(CommandCodec.encode(randomCommand(random, i)));
        }
        return entries;
    }
}
