package io.confman.launcher.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.confman.launcher.testkit.LocalCluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Runs {@code confman ctl} in-process against one cluster with the admin key, capturing what it prints. */
record CtlRunner(String endpoints) {

    static CtlRunner of(LocalCluster cluster) {
        return new CtlRunner(cluster.nodes().stream().map(LocalCluster.Node::baseUrl).collect(Collectors.joining(",")));
    }

    /** What one run printed and how it ended. */
    record Result(int exitCode, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** Fails with the run's stderr unless it ended with {@code expected}. */
        Result exits(int expected) {
            assertEquals(expected, exitCode, "exit code; stderr: " + stderr + " stdout: " + out());
            return this;
        }
    }

    Result run(String... args) {
        return runWithStdin(new byte[0], args);
    }

    Result runWithStdin(byte[] stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoints", endpoints, "--api-key", LocalCluster.ADMIN_KEY));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = Ctl.run(all.toArray(String[]::new), new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        return new Result(exitCode, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}
