package io.confman.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.command.Command;
import io.confman.codec.command.CommandCodec;
import io.confman.codec.command.DeleteConfig;
import io.confman.codec.command.DeleteNamespace;
import io.confman.codec.command.Preconditions;
import io.confman.codec.command.SetConfig;
import io.confman.codec.command.SetConfigBlobRef;
import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.ConfigEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The referenced-blob set is kept incrementally (on apply, audit eviction and snapshot restore);
 * here it is compared after every step of seeded random command sequences with a full scan of the
 * state through the public queries, with an audit bound small enough that events fall off often.
 * A restore from a snapshot taken midway must rebuild the same set. The last test shows that taking
 * the set from a 300,000-entry state holds the lock for a small fraction of a full scan (it took
 * as long as a scan, about 160 ms, when the set was found by walking the state) while applies go on.
 */
class BlobReferencesTest {

    private static final String[] NAMESPACES = {"prod", "dev", "ops"};
    private static final String[] KEYS = {"a", "b", "c", "d"};
    private static final int AUDIT_EVENTS = 6;

    @Test
    void incrementalSetEqualsFullScanOverRandomCommandSequences() throws IOException {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            ConfigStateMachine machine = new ConfigStateMachine(AUDIT_EVENTS);
            for (int index = 1; index <= 400; index++) {
                apply(machine, new LogPosition(1, index), randomCommand(random, index));
                assertEquals(fullScan(machine), machine.referencedBlobHashes(), "seed " + seed + " index " + index);
                if (index % 97 == 0) {
                    ConfigStateMachine restored = new ConfigStateMachine(AUDIT_EVENTS);
                    restored.restore(new ByteArrayInputStream(snapshot(machine)));
                    assertEquals(machine.referencedBlobHashes(), restored.referencedBlobHashes(),
                            "restored set, seed " + seed + " index " + index);
                    machine = restored;
                }
            }
        }
    }

    @Test
    void aBlobStaysReferencedWhileAnAuditEventNamesItAndIsDroppedAfter() {
        ConfigStateMachine machine = new ConfigStateMachine(2);
        long index = 0;
        apply(machine, new LogPosition(1, ++index), blob("prod", "k", 1, index));
        apply(machine, new LogPosition(1, ++index), inline("prod", "k", "v", index));
        assertTrue(machine.referencedBlobHashes().contains(Node.sha(1)), "the update event still names it");
        apply(machine, new LogPosition(1, ++index), inline("prod", "k", "w", index));
        apply(machine, new LogPosition(1, ++index), inline("prod", "k", "x", index));
        assertFalse(machine.referencedBlobHashes().contains(Node.sha(1)), "both events naming it fell off");
    }

    @Test
    void takingTheSetDoesNotHoldTheLockForTheWholeState() throws Exception {
        ConfigStateMachine machine = new ConfigStateMachine(10);
        int configs = 300_000;
        long index = 0;
        for (int i = 0; i < configs; i++) {
            apply(machine, new LogPosition(1, ++index), i % 1000 == 0 ? blob("big", "k" + i, i, index)
                    : inline("big", "k" + i, "v" + i, index));
        }
        long fullScanMillis = timeMillis(() -> fullScan(machine));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        // The lock is held at most as long as a call takes: time the calls while applies go on.
        CompletableFuture<List<Long>> taker = CompletableFuture.supplyAsync(() -> {
            List<Long> callNanos = new ArrayList<>();
            while (System.nanoTime() < end) {
                long started = System.nanoTime();
                assertEquals(configs / 1000, machine.referencedBlobHashes().size());
                callNanos.add(System.nanoTime() - started);
            }
            return callNanos;
        });
        long applies = 0;
        while (System.nanoTime() < end) {
            apply(machine, new LogPosition(1, ++index), inline("small", "k", "v" + index, index));
            applies++;
        }
        List<Long> calls = taker.get().stream().sorted().toList();
        long medianMicros = TimeUnit.NANOSECONDS.toMicros(calls.get(calls.size() / 2));
        assertTrue(medianMicros * 20 < Math.max(1_000, fullScanMillis * 1_000),
                "taking the set holds the lock " + medianMicros + " us (median of " + calls.size()
                        + "), a full scan takes " + fullScanMillis + " ms");
        assertTrue(applies > 1_000, "only " + applies + " applies in 2 s while the set was taken");
    }

    private static long timeMillis(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** Every blob named by a live entry or a held audit event, found the slow way. */
    private static Set<String> fullScan(ConfigStateMachine machine) {
        Set<String> ids = new TreeSet<>();
        machine.allConfigs().stream().map(ConfigEntry::blobSha256).filter(id -> id != null).forEach(ids::add);
        for (String namespace : NAMESPACES) {
            for (AuditEvent event : machine.audit(namespace, Integer.MAX_VALUE)) {
                if (event.oldBlob() != null) {
                    ids.add(event.oldBlob());
                }
                if (event.newBlob() != null) {
                    ids.add(event.newBlob());
                }
            }
        }
        for (String namespace : new String[] {"big", "small"}) {
            machine.audit(namespace, Integer.MAX_VALUE).forEach(e -> {
                if (e.newBlob() != null) {
                    ids.add(e.newBlob());
                }
            });
        }
        return ids;
    }

    private static byte[] snapshot(ConfigStateMachine machine) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        machine.captureSnapshot().writeTo(out);
        return out.toByteArray();
    }

    private static Command randomCommand(Random random, int index) {
        String namespace = NAMESPACES[random.nextInt(NAMESPACES.length)];
        String key = KEYS[random.nextInt(KEYS.length)];
        return switch (random.nextInt(12)) {
            case 0 -> new DeleteNamespace(namespace, Node.ACTOR, Node.timestampFor(index));
            case 1, 2 -> new DeleteConfig(namespace, key, Node.ACTOR, Node.timestampFor(index), Preconditions.NONE);
            case 3, 4, 5, 6 -> blob(namespace, key, random.nextInt(8), index);
            default -> inline(namespace, key, "v" + random.nextInt(5), index);
        };
    }

    private static Command blob(String namespace, String key, int blob, long index) {
        return new SetConfigBlobRef(namespace, key, Node.sha(blob), 10 + blob, "application/octet-stream", null,
                Node.ACTOR, Node.timestampFor(index), Preconditions.NONE);
    }

    private static Command inline(String namespace, String key, String value, long index) {
        return new SetConfig(namespace, key, value, "string", Node.ACTOR, Node.timestampFor(index), Preconditions.NONE);
    }

    /** Applies {@code command} encoded, as the Raft adapter hands it over. */
    private static ApplyResult apply(ConfigStateMachine machine, LogPosition position, Command command) {
        return machine.apply(position, CommandCodec.encode(command));
    }
}
