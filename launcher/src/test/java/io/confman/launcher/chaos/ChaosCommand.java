package io.confman.launcher.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code ./confman chaos --seconds N [--seed S] [--faults a,b]}: the script runs this class alone
 * with {@code -Dchaos.seconds=N} (skipped otherwise), and prints {@code target/chaos/last-run.txt},
 * whose last line is the summary; the test fails unless nothing was lost and nothing violated.
 */
class ChaosCommand {

    @Test
    @EnabledIfSystemProperty(named = "chaos.seconds", matches = "\\d+")
    void runTheFaultSuiteAsAsked() throws IOException {
        long seconds = Long.parseLong(System.getProperty("chaos.seconds"));
        String seedProperty = System.getProperty("chaos.seed", "");
        long seed = seedProperty.isBlank() ? System.nanoTime() : Long.parseLong(seedProperty);
        int clients = Integer.parseInt(System.getProperty("chaos.clients", "6"));
        Path output = Path.of("target", "chaos", "last-run.txt").toAbsolutePath();
        Files.createDirectories(output.getParent());
        try (OutputStream file = Files.newOutputStream(output);
             PrintStream both = new PrintStream(new Tee(file, System.out), true, StandardCharsets.UTF_8)) {
            ChaosRun.Summary summary = ChaosRun.run(new ChaosRun.Options(seconds, seed, clients,
                    ChaosRun.faultKinds(System.getProperty("chaos.faults"))), both);
            assertEquals(0, summary.lost() + summary.violations(), summary.line());
        }
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
