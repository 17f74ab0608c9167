package io.confman.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.model.ConfigEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The threading contract and the purity rule. Readers running while the apply thread writes always
 * see whole applies (a key's version equals the number of writes since its creation as seen in the
 * same view, and views never go back in log index). The core package's sources import no Ratis,
 * file, clock or thread API; the adapter packages are not checked.
 */
class ConcurrencyAndPurityTest {

    @Test
    void readersSeeOnlyWholeAppliesWhileTheApplyThreadWrites() throws Exception {
        Node node = new Node();
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                long lastSeen = -1;
                while (!done.get()) {
                    long index = node.machine.lastAppliedIndex();
                    if (index < lastSeen) {
                        problems.add("applied index went back from " + lastSeen + " to " + index);
                    }
                    lastSeen = index;
                    List<ConfigEntry> all = node.machine.allConfigs();
                    long versions = all.stream().mapToLong(ConfigEntry::version).sum();
                    long revisions = all.stream().mapToLong(ConfigEntry::revision).max().orElse(0);
                    if (versions != revisions) {
                        problems.add("torn view: versions " + versions + " vs revision " + revisions);
                    }
                }
            }));
        }
        for (int i = 0; i < 20_000; i++) {
            node.setConfig("ns" + (i % 7), "k" + (i % 13), "v" + i);
        }
        done.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertEquals(List.of(), List.copyOf(problems));
    }

    @Test
    void theCorePackageUsesNoRatisFilesClocksOrThreads() throws IOException {
        Path core = Path.of("src/main/java/io/confman/raft");
        List<String> forbidden = List.of("org.apache.ratis", "java.io.File", "java.nio.file", "java.time.Clock",
                "Instant.now", "System.currentTimeMillis", "System.nanoTime", "new Thread", "Executor");
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.list(core)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                forbidden.stream().filter(source::contains).forEach(word -> offences.add(file.getFileName() + ": " + word));
            }
        }
        assertTrue(offences.isEmpty(), offences.toString());
    }
}
