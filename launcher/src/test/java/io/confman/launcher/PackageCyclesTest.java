package io.confman.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What JPMS cannot say about the main sources: inside the raft and web modules the packages below
 * the module's root depend on each other in one direction only (no cycle of imports), so that, for
 * instance, the Ratis adapter is reached only through {@code io.confman.raft.start} and the
 * problem+json mapping and the HTTP services share their helpers through {@code
 * io.confman.web.support} instead of importing each other. Read from the sources as text: an
 * import, or a use of a class of another package by its full name outside comments, is a
 * dependency. (The web
 * module's root package, which holds {@code NodeServices} and the wiring, is used by all of them
 * and uses all of them; it is left out.)
 */
class PackageCyclesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
    /** Comments, which may name any class, are no dependency. */
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    @ParameterizedTest
    @ValueSource(strings = {"modules/raft:io.confman.raft", "modules/web:io.confman.web"})
    void thePackagesOfAModuleDependOnEachOtherWithoutACycle(String moduleAndRoot) throws IOException {
        String[] parts = moduleAndRoot.split(":");
        Path sources = ROOT.resolve(parts[0]).resolve("src/main/java");
        String root = parts[1];
        Map<String, Set<String>> uses = dependencies(sources, root);
        assertTrue(uses.size() > 3, uses::toString);
        List<List<String>> cycles = cycles(uses);
        assertEquals(List.of(), cycles, "package cycles in " + parts[0] + ": " + uses);
    }

    /** Each package's dependencies on the other packages listed (the root package left out on both sides). */
    private static Map<String, Set<String>> dependencies(Path sources, String root) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java") && !p.endsWith("module-info.java")).toList();
        }
        Map<Path, String> packages = new TreeMap<>();
        for (Path file : files) {
            Matcher declared = PACKAGE.matcher(Files.readString(file));
            if (declared.find()) {
                packages.put(file, declared.group(1));
            }
        }
        Set<String> known = new TreeSet<>(packages.values());
        known.remove(root);
        Pattern reference = Pattern.compile("\\b(" + Pattern.quote(root) + "(?:\\.[a-z]\\w*)*)\\.[A-Z]\\w*");
        for (Map.Entry<Path, String> file : packages.entrySet()) {
            String from = file.getValue();
            if (!known.contains(from)) {
                continue;
            }
            Set<String> targets = uses.computeIfAbsent(from, p -> new TreeSet<>());
            Matcher used = reference.matcher(COMMENT.matcher(Files.readString(file.getKey())).replaceAll(" "));
            while (used.find()) {
                String to = used.group(1);
                if (known.contains(to) && !to.equals(from)) {
                    targets.add(to);
                }
            }
        }
        return uses;
    }

    /** Every cycle found by a depth-first walk, each as the packages along it. */
    private static List<List<String>> cycles(Map<String, Set<String>> uses) {
        List<List<String>> found = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        for (String start : uses.keySet()) {
            walk(start, uses, new ArrayList<>(), done, found);
        }
        return found;
    }

    private static void walk(String at, Map<String, Set<String>> uses, List<String> path, Set<String> done,
                             List<List<String>> found) {
        int seen = path.indexOf(at);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(at);
            found.add(cycle);
            return;
        }
        if (done.contains(at)) {
            return;
        }
        path.add(at);
        for (String next : uses.getOrDefault(at, Set.of())) {
            walk(next, uses, path, done, found);
        }
        path.removeLast();
        done.add(at);
    }
}
