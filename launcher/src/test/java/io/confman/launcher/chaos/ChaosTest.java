package io.confman.launcher.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A short run of the fault suite in every build: 75 s of traffic from six clients against a real
 * 3-node cluster under a random schedule of every fault class (a fixed seed, so a failure can be
 * replayed with {@code ./confman chaos --seconds 75 --seed 20261201}). Nothing acknowledged may be
 * lost and no check may find a violation.
 */
class ChaosTest {

    @Test
    void aShortRandomFaultScheduleLosesNothingAndViolatesNothing() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ChaosRun.Summary summary;
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            summary = ChaosRun.run(new ChaosRun.Options(75, 20261201L, 6, ChaosRun.faultKinds("")), out);
        }
        String report = text.toString(StandardCharsets.UTF_8);
        System.out.print(report);
        assertTrue(summary.faults() > 0, report);
        assertTrue(summary.ops() > 100, report);
        assertEquals(0, summary.lost(), report);
        assertEquals(0, summary.violations(), report);
    }
}
