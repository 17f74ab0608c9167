package io.confman.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's JDK claim against what the repository does: the release it names is the one the
 * {@code confman} script insists on, this test runs on at least that release, and every JVM
 * option the launches pass exists there ({@code --sun-misc-unsafe-memory-access} appeared in
 * JDK 23, so a claim below that would be false).
 */
class JdkClaimTest {
    /** The first release that knows {@code --sun-misc-unsafe-memory-access} (JEP 471). */
    private static final int UNSAFE_MEMORY_ACCESS_OPTION_SINCE = 23;
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmeNamesTheJdkTheScriptRequiresAndTheLaunchOptionsNeed() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher claim = Pattern.compile("a JDK (\\d+) or newer").matcher(readme);
        assertTrue(claim.find(), "README names no 'a JDK N or newer'");
        int claimed = Integer.parseInt(claim.group(1));

        Matcher required = Pattern.compile("(?m)^MIN_JDK=(\\d+)$").matcher(Files.readString(ROOT.resolve("confman")));
        assertTrue(required.find(), "the confman script sets no MIN_JDK");
        assertEquals(claimed, Integer.parseInt(required.group(1)));

        assertTrue(Runtime.version().feature() >= claimed, "tests run on JDK " + Runtime.version().feature());
        String imageLauncher = Files.readString(ROOT.resolve("jlink/node/src/main/image/confman-node"));
        if (imageLauncher.contains("--sun-misc-unsafe-memory-access")) {
            assertTrue(claimed >= UNSAFE_MEMORY_ACCESS_OPTION_SINCE,
                    "the node launch passes an option JDK " + claimed + " does not know");
        }
    }
}
