package io.confman.launcher.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Confman node running in its own JVM, started from the module path of the test JVM itself
 * (so it runs exactly the code under test, as explicit modules).
 */
public final class NodeProcess {
    /** Small heap: nodes must not need much, and several run on one test machine. */
    private static final String NODE_HEAP = "-Xmx256m";
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    /** A module path holding the launcher and its dependencies, used instead of the test JVM's own. */
    public static final String MODULE_PATH_PROPERTY = "confman.test.nodeModulePath";

    private final Process process;
    private final Path logFile;

    private NodeProcess(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    /** Launches {@code io.confman.launcher.Main} with {@code args}, output appended to {@code logFile}. */
    public static NodeProcess launch(List<String> args, Path logFile) {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return new NodeProcess(p, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code java <flags> -p <module path> -m io.confman.launcher/...Main}: the module path of the
     * test JVM, or the one in {@value #MODULE_PATH_PROPERTY} when the tests of another module (the
     * monitor's) start nodes.
     */
    public static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String given = System.getProperty(MODULE_PATH_PROPERTY, "");
        String modulePath = given.isBlank() ? System.getProperty("jdk.module.path") : given;
        if (modulePath == null) {
            throw new IllegalStateException("tests must run on the module path (jdk.module.path is not set)");
        }
        return List.of(java, NODE_HEAP, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=io.confman.ratis", "--sun-misc-unsafe-memory-access=allow",
                "-p", modulePath, "-m", "io.confman.launcher/io.confman.launcher.Main");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL and wait for the process to be gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM; waits up to {@code timeout} and returns how long the exit took. */
    public Duration terminate(Duration timeout) {
        long started = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("process " + process.pid() + " did not exit within " + timeout
                        + " of SIGTERM; log:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The exit code if the process ends within {@code wait}. */
    public Optional<Integer> exitCode(Duration wait) {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)
                    ? Optional.of(process.exitValue()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
