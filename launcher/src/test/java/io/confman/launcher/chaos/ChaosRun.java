package io.confman.launcher.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confman.launcher.testkit.LocalCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One run of the fault suite: a 3-node cluster behind Raft link proxies, client traffic, a random
 * schedule of faults for the given time, then healing, final reads, the state-hash comparison and
 * every check over the history. Prints a line per fault and per finding, and last the summary
 * {@code chaos: <F> faults, <O> ops, <L> lost, <V> violations}. The history is written beside the
 * cluster's directory; the cluster's data directories are deleted after a clean run and kept
 * after a failing one.
 */
public final class ChaosRun {

    /** Writes must be accepted again within this long after a fault is healed. */
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);
    static final long ELECTION_TIMEOUT_MAX_MILLIS = 3_000;
    static final long SNAPSHOT_INTERVAL_ENTRIES = 100;
    private static final Duration CONVERGE_TIMEOUT = Duration.ofSeconds(60);
    /** The linearizability search gives up on a key after this many memoized states. */
    private static final long MAX_SEARCH_STATES = 2_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Nemesis.Kind, Integer> WEIGHTS = weights();

    /** What to run: how long, the seed of the schedule, how many clients, which fault classes. */
    public record Options(long seconds, long seed, int clients, Set<Nemesis.Kind> faults) {
    }

    /** The figures of one run. */
    public record Summary(int faults, int ops, int lost, int violations, int undecidedKeys,
                          Map<Nemesis.Kind, List<Long>> recoveryMillis, Map<Nemesis.Kind, List<Long>> gapMillis,
                          Path history, List<String> findings) {
        public String line() {
            return "chaos: " + faults + " faults, " + ops + " ops, " + lost + " lost, " + violations + " violations";
        }
    }

    private ChaosRun() {
    }

    /** Parses {@code --faults kill-leader,pause-leader} style names (empty or null: all classes). */
    public static Set<Nemesis.Kind> faultKinds(String names) {
        if (names == null || names.isBlank()) {
            return Set.of(Nemesis.Kind.values());
        }
        return java.util.Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> Nemesis.Kind.valueOf(s.toUpperCase(java.util.Locale.ROOT).replace('-', '_')))
                .collect(Collectors.toUnmodifiableSet());
    }

    public static Summary run(Options options, PrintStream out) {
        Map<String, String> settings = Map.of(
                "raft.electionTimeoutMaxMillis", Long.toString(ELECTION_TIMEOUT_MAX_MILLIS),
                "raft.requestTimeoutMillis", "5000",
                "raft.snapshotInterval", Long.toString(SNAPSHOT_INTERVAL_ENTRIES),
                "raft.logSegmentSizeBytes", "16384",
                "blob.reconcileIntervalMillis", "2000");
        Random random = new Random(options.seed());
        List<String> findings = new ArrayList<>();
        Map<Nemesis.Kind, List<Long>> recovery = new EnumMap<>(Nemesis.Kind.class);
        Map<Nemesis.Kind, List<Long>> gaps = new EnumMap<>(Nemesis.Kind.class);
        int faults = 0;
        LocalCluster cluster = LocalCluster.startBehindRaftProxies(3, settings);
        Map<String, LinkProxy> proxies = new LinkedHashMap<>();
        List<Op> history = new ArrayList<>();
        Map<String, Op> finalReads = new TreeMap<>();
        try {
            for (LocalCluster.Node node : cluster.nodes()) {
                proxies.put(node.id(), new LinkProxy(node.id(), node.advertisedRaftPort(), node.raftPort(),
                        pid -> nodeOfPid(cluster, pid)));
            }
            out.println("chaos: seed " + options.seed() + ", " + options.seconds() + " s, " + options.clients()
                    + " clients, faults " + options.faults() + ", cluster in " + cluster.dir());
            cluster.awaitLeader(Duration.ofSeconds(90));
            Nemesis nemesis = new Nemesis(cluster, proxies, random, ELECTION_TIMEOUT_MAX_MILLIS,
                    SNAPSHOT_INTERVAL_ENTRIES);
            ChaosClients clients = new ChaosClients(cluster.nodes());
            try {
                clients.start(options.clients(), options.seed());
                Nemesis.sleep(2_000);
                long end = System.nanoTime() + Duration.ofSeconds(options.seconds()).toNanos();
                while (System.nanoTime() < end) {
                    faults++;
                    injectAndMeasure(nemesis, pick(random, options.faults()), faults, clients, recovery, gaps,
                            findings, out);
                    Nemesis.sleep(1_000 + random.nextInt(1_500));
                }
                nemesis.healLinks();
                restartStopped(cluster);
            } finally {
                clients.close();
            }
            history.addAll(clients.history());
            clients.blobViolations().forEach(v -> findings.add("violation: blob " + v));
            nemesis.problems.forEach(p -> findings.add("violation: " + p));
            findings.addAll(finish(cluster, nemesis, history, finalReads));
        } finally {
            proxies.values().forEach(p -> out.println("chaos: Raft connections to " + p.target() + " by sender: "
                    + new TreeMap<>(p.connectionsOpened())));
            proxies.values().forEach(LinkProxy::close);
            cluster.close();
        }
        return report(cluster, faults, recovery, gaps, history, finalReads, findings, out);
    }

    private static void injectAndMeasure(Nemesis nemesis, Nemesis.Kind kind, int number, ChaosClients clients,
                                         Map<Nemesis.Kind, List<Long>> recovery,
                                         Map<Nemesis.Kind, List<Long>> gaps, List<String> findings,
                                         PrintStream out) {
        String what = nemesis.run(kind);
        long injected = nemesis.injectedNanos();
        long healed = System.nanoTime();
        long recovered = awaitWrite(clients, healed);
        long firstAfterInjection = clients.firstWriteAckedSince(injected);
        if (recovered < 0) {
            findings.add("violation: writes not accepted within " + RECOVERY_BOUND.toSeconds()
                    + " s after healing " + kind + " (" + what + ")");
            out.println(findings.getLast());
            return;
        }
        long millis = (recovered - healed) / 1_000_000;
        long gapMillis = (firstAfterInjection - injected) / 1_000_000;
        recovery.computeIfAbsent(kind, k -> new ArrayList<>()).add(millis);
        gaps.computeIfAbsent(kind, k -> new ArrayList<>()).add(gapMillis);
        out.println("fault " + number + ": " + kind + ": " + what + "; the first write begun after the fault began "
                + "was acknowledged after " + gapMillis + " ms, the first begun after healing after " + millis + " ms");
    }

    private static Map<Nemesis.Kind, Integer> weights() {
        Map<Nemesis.Kind, Integer> w = new EnumMap<>(Nemesis.Kind.class);
        w.put(Nemesis.Kind.KILL_LEADER, 20);
        w.put(Nemesis.Kind.KILL_FOLLOWER, 8);
        w.put(Nemesis.Kind.KILL_MAJORITY, 6);
        w.put(Nemesis.Kind.KILL_ALL, 4);
        w.put(Nemesis.Kind.PAUSE_LEADER, 15);
        w.put(Nemesis.Kind.PARTITION, 20);
        w.put(Nemesis.Kind.SNAPSHOT_CATCH_UP, 6);
        w.put(Nemesis.Kind.BLOB_CORRUPT, 5);
        w.put(Nemesis.Kind.BLOB_DELETE, 5);
        w.put(Nemesis.Kind.DISK_FULL, 4);
        return w;
    }

    private static Nemesis.Kind pick(Random random, Set<Nemesis.Kind> allowed) {
        List<Nemesis.Kind> kinds = WEIGHTS.keySet().stream().filter(allowed::contains).toList();
        int total = kinds.stream().mapToInt(WEIGHTS::get).sum();
        int dice = random.nextInt(total);
        for (Nemesis.Kind kind : kinds) {
            dice -= WEIGHTS.get(kind);
            if (dice < 0) {
                return kind;
            }
        }
        return kinds.getLast();
    }

    private static Optional<String> nodeOfPid(LocalCluster cluster, long pid) {
        return cluster.nodes().stream().filter(n -> n.running() && n.pid() == pid).map(LocalCluster.Node::id)
                .findFirst();
    }

    private static void restartStopped(LocalCluster cluster) {
        cluster.nodes().stream().filter(n -> !n.running()).forEach(cluster::start);
    }

    /** When the first write begun after {@code healed} was acknowledged, or -1 past the bound. */
    private static long awaitWrite(ChaosClients clients, long healed) {
        long deadline = healed + RECOVERY_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            long acked = clients.firstWriteAckedSince(healed);
            if (acked >= 0) {
                return acked;
            }
            Nemesis.sleep(50);
        }
        long acked = clients.firstWriteAckedSince(healed);
        return acked >= 0 && acked <= deadline ? acked : -1;
    }

    /**
     * After the traffic stopped: takes the history, a final linearizable read of every key, and
     * compares the members' state hashes at one applied index. Returns the findings.
     */
    private static List<String> finish(LocalCluster cluster, Nemesis nemesis, List<Op> history,
                                       Map<String, Op> finalReads) {
        List<String> findings = new ArrayList<>();
        cluster.awaitLeader(Duration.ofSeconds(90));
        ChaosClients reader = new ChaosClients(cluster.nodes());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        List<String> keys = new ArrayList<>(ChaosClients.REGISTER_KEYS);
        keys.addAll(ChaosClients.BLOB_KEYS);
        for (String key : keys) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Op read = null;
            while (read == null && System.nanoTime() < deadline) {
                read = ChaosClients.BLOB_KEYS.contains(key) ? reader.readBlob(http, nemesis.leader(), -1, key)
                        : reader.read(http, nemesis.leader(), -1, key);
            }
            if (read == null) {
                findings.add("violation: no final read of " + key + " succeeded within 60 s");
            } else {
                finalReads.put(key, read);
            }
        }
        history.addAll(reader.history());
        reader.blobViolations().forEach(v -> findings.add("violation: blob " + v));
        findings.addAll(compareStateHashes(cluster));
        return findings;
    }

    static List<String> compareStateHashes(LocalCluster cluster) {
        long deadline = System.nanoTime() + CONVERGE_TIMEOUT.toNanos();
        Map<String, JsonNode> last = Map.of();
        while (System.nanoTime() < deadline) {
            Map<String, JsonNode> states = new TreeMap<>();
            for (LocalCluster.Node node : cluster.nodes()) {
                cluster.http().get(node.url("internal/state"), Map.of("X-Cluster-Token", LocalCluster.TOKEN))
                        .filter(r -> r.statusCode() == 200).ifPresent(r -> {
                            try {
                                states.put(node.id(), JSON.readTree(r.body()));
                            } catch (IOException e) {
                                // not answered well: try again
                            }
                        });
            }
            last = states;
            if (states.size() == cluster.nodes().size()
                    && states.values().stream().map(s -> s.path("appliedIndex").asLong()).distinct().count() == 1) {
                if (states.values().stream().map(s -> s.path("stateHash").asText()).distinct().count() == 1) {
                    return List.of();
                }
                Nemesis.sleep(500);
                continue;
            }
            Nemesis.sleep(200);
        }
        return List.of("violation: members did not reach one state hash at one applied index within "
                + CONVERGE_TIMEOUT.toSeconds() + " s: " + last);
    }

    private static Summary report(LocalCluster cluster, int faults, Map<Nemesis.Kind, List<Long>> recovery,
                                  Map<Nemesis.Kind, List<Long>> gaps, List<Op> history, Map<String, Op> finalReads, List<String> findings,
                                  PrintStream out) {
        List<String> lost = HistoryChecks.lostWrites(history, finalReads);
        List<String> violations = new ArrayList<>(findings);
        int undecided = 0;
        RegisterChecker checker = new RegisterChecker(MAX_SEARCH_STATES);
        for (Map.Entry<String, List<Op>> key : HistoryChecks.byKey(history).entrySet()) {
            RegisterChecker.Verdict verdict = checker.check(key.getValue());
            if (verdict.undecided()) {
                undecided++;
                out.println("undecided: " + key.getKey() + ": " + verdict.explanation());
            } else if (!verdict.linearizable()) {
                violations.add("violation: " + key.getKey() + " is not linearizable: " + verdict.explanation());
            }
        }
        HistoryChecks.backwardRevisions(history).forEach(f -> violations.add("violation: revision went back: " + f));
        Path historyFile = cluster.dir().resolveSibling(cluster.dir().getFileName() + "-history.jsonl");
        writeHistory(historyFile, history);
        lost.forEach(l -> out.println("lost: " + l));
        violations.forEach(out::println);
        boolean clean = lost.isEmpty() && violations.isEmpty();
        out.println("chaos: snapshots installed from a leader (node logs): " + snapshotInstalls(cluster));
        if (clean) {
            deleteRecursively(cluster.dir());
        }
        out.println("chaos: history in " + historyFile + (clean ? "" : ", data directories kept in " + cluster.dir()));
        recovery.forEach((kind, millis) -> out.println("chaos: " + kind + " x" + millis.size()
                + ": writes acknowledged again after the fault began p50 " + percentile(gaps.get(kind), 50)
                + " ms, max " + percentile(gaps.get(kind), 100) + " ms; after healing p50 " + percentile(millis, 50)
                + " ms, max " + percentile(millis, 100) + " ms"));
        if (undecided > 0) {
            out.println("chaos: " + undecided + " keys undecided (search bound " + MAX_SEARCH_STATES + " states)");
        }
        Map<Op.Outcome, Long> outcomes = history.stream().collect(Collectors.groupingBy(Op::outcome,
                () -> new EnumMap<>(Op.Outcome.class), Collectors.counting()));
        out.println("chaos: operations by outcome " + outcomes);
        Summary summary = new Summary(faults, history.size(), lost.size(), violations.size(), undecided, recovery,
                gaps, historyFile, List.copyOf(violations));
        out.println(summary.line());
        return summary;
    }

    /** How many times a member installed a snapshot sent by the leader, as its log says. */
    private static long snapshotInstalls(LocalCluster cluster) {
        long installs = 0;
        for (LocalCluster.Node node : cluster.nodes()) {
            try (var lines = Files.lines(cluster.dir().resolve(node.id() + ".log"))) {
                installs += lines.filter(l -> l.contains("StateMachineAdapter] snapshot at index")
                        && l.contains(" installed:")).count();
            } catch (IOException | UncheckedIOException e) {
                // no log: nothing counted
            }
        }
        return installs;
    }

    static long percentile(List<Long> values, int percent) {
        List<Long> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void writeHistory(Path file, List<Op> history) {
        try (var writer = Files.newBufferedWriter(file)) {
            for (Op op : history) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", op.id());
                line.put("client", op.client());
                line.put("key", op.key());
                line.put("kind", op.kind());
                line.put("value", op.value());
                line.put("expected", op.expected());
                line.put("invokeNanos", op.invokeNanos());
                line.put("completeNanos", op.completeNanos());
                line.put("outcome", op.outcome());
                line.put("result", op.result());
                line.put("revision", op.revision());
                writer.write(JSON.writeValueAsString(line));
                writer.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left for a later clean-up
        }
    }
}
