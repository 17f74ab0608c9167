package io.confman.launcher.chaos;

import io.confman.codec.wire.ClusterView;
import io.confman.codec.wire.HealthReport;
import io.confman.launcher.testkit.LocalCluster;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Injects one fault at a time into a {@link LocalCluster} whose Raft links run through
 * {@link LinkProxy proxies}, holds it, and heals it. Each call returns when the fault is healed
 * (processes restarted, links restored); the caller then measures how long until writes are
 * accepted again.
 */
final class Nemesis {

    /** The fault classes, in the terms of docs/RELIABILITY.md. */
    enum Kind {
        KILL_LEADER, KILL_FOLLOWER, KILL_MAJORITY, KILL_ALL, PAUSE_LEADER, PARTITION, SNAPSHOT_CATCH_UP,
        BLOB_CORRUPT, BLOB_DELETE, DISK_FULL
    }

    private final LocalCluster cluster;
    private final Map<String, LinkProxy> proxies;
    private final Random random;
    private final long electionTimeoutMaxMillis;
    private final long snapshotIntervalEntries;
    /** Findings of the faults themselves (a follower that never caught up); the run counts them as violations. */
    final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile long injectedNanos;

    Nemesis(LocalCluster cluster, Map<String, LinkProxy> proxies, Random random, long electionTimeoutMaxMillis,
            long snapshotIntervalEntries) {
        this.cluster = cluster;
        this.proxies = proxies;
        this.random = random;
        this.electionTimeoutMaxMillis = electionTimeoutMaxMillis;
        this.snapshotIntervalEntries = snapshotIntervalEntries;
    }

    /** When the last fault was injected ({@link System#nanoTime}): just before its first action. */
    long injectedNanos() {
        return injectedNanos;
    }

    private void markInjected() {
        injectedNanos = System.nanoTime();
    }

    /** Injects, holds and heals one fault of {@code kind}; returns what was done. */
    String run(Kind kind) {
        LocalCluster.Node leader = leader();
        LocalCluster.Node follower = other(leader);
        markInjected();
        return switch (kind) {
            case KILL_LEADER -> killAndRestart(List.of(leader));
            case KILL_FOLLOWER -> killAndRestart(List.of(follower));
            case KILL_MAJORITY -> killAndRestart(List.of(leader, follower));
            case KILL_ALL -> killAndRestart(cluster.nodes());
            case PAUSE_LEADER -> pause(leader);
            case PARTITION -> partition(leader, follower);
            case SNAPSHOT_CATCH_UP -> keepOutUntilSnapshot(follower);
            case BLOB_CORRUPT, BLOB_DELETE -> damageBlob(kind == Kind.BLOB_CORRUPT);
            case DISK_FULL -> diskFull(follower);
        };
    }

    private String killAndRestart(List<LocalCluster.Node> victims) {
        victims.forEach(LocalCluster.Node::kill);
        sleep(1_000 + random.nextInt(3_000));
        victims.forEach(cluster::start);
        return "kill -9 " + ids(victims) + ", restarted";
    }

    private String pause(LocalCluster.Node leader) {
        long millis = (2 + random.nextInt(4)) * electionTimeoutMaxMillis;
        leader.pause();
        try {
            sleep(millis);
        } finally {
            leader.resume();
        }
        return "SIGSTOP " + leader.id() + " for " + millis + " ms";
    }

    private String partition(LocalCluster.Node leader, LocalCluster.Node follower) {
        LocalCluster.Node victim = random.nextInt(3) == 0 ? follower : leader;
        String how;
        switch (random.nextInt(4)) {
            case 0 -> {
                isolate(victim, LinkProxy.Mode.BLACKHOLE);
                how = "blackhole around " + victim.id();
            }
            case 1 -> {
                isolate(victim, LinkProxy.Mode.RESET);
                how = "connection resets around " + victim.id();
            }
            case 2 -> {
                long delay = 100 + random.nextInt(400);
                proxies.values().forEach(p -> p.setDelayMillis(delay));
                isolate(victim, LinkProxy.Mode.DELAY);
                how = delay + " ms delay around " + victim.id();
            }
            default -> {
                for (LocalCluster.Node other : cluster.nodes()) {
                    if (other != victim) {
                        proxies.get(other.id()).cut(victim.id(), LinkProxy.Mode.BLACKHOLE);
                    }
                }
                how = "one way: " + victim.id() + " cannot reach the others, they reach it";
            }
        }
        sleep(3_000 + random.nextInt(5_000));
        healLinks();
        return how;
    }

    /** Cuts every link to and from {@code victim}. */
    private void isolate(LocalCluster.Node victim, LinkProxy.Mode mode) {
        for (LocalCluster.Node other : cluster.nodes()) {
            if (other != victim) {
                proxies.get(victim.id()).cut(other.id(), mode);
                proxies.get(other.id()).cut(victim.id(), mode);
            }
        }
    }

    void healLinks() {
        proxies.values().forEach(LinkProxy::heal);
    }

    /**
     * Keeps a follower cut off until another member has written a snapshot more than two snapshot
     * intervals past what the follower had applied (at most 40 s), so that the log it lacks may be
     * purged and it must install a snapshot; after healing, it must catch up within 30 s.
     */
    private String keepOutUntilSnapshot(LocalCluster.Node follower) {
        long applied = health(follower).map(h -> h.cluster().appliedIndex()).orElse(0L);
        markInjected();
        isolate(follower, LinkProxy.Mode.BLACKHOLE);
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        long snapshot = 0;
        while (System.nanoTime() < deadline && snapshot <= applied + 2 * snapshotIntervalEntries) {
            sleep(250);
            snapshot = cluster.nodes().stream().filter(n -> n != follower).map(this::health).flatMap(Optional::stream)
                    .filter(h -> h.snapshot() != null).mapToLong(h -> h.snapshot().index()).max().orElse(snapshot);
        }
        long target = cluster.nodes().stream().filter(n -> n != follower).map(this::health).flatMap(Optional::stream)
                .mapToLong(h -> h.cluster().commitIndex()).max().orElse(0);
        healLinks();
        String what = follower.id() + " kept out from index " + applied + " until a snapshot at " + snapshot;
        long caughtUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < caughtUp) {
            if (health(follower).map(h -> h.cluster().appliedIndex() >= target).orElse(false)) {
                return what + ", caught up to " + target;
            }
            sleep(100);
        }
        problems.add(follower.id() + " did not catch up to index " + target + " within 30 s after " + what);
        return what + ", did NOT catch up to " + target;
    }

    private String damageBlob(boolean corrupt) {
        List<LocalCluster.Node> running = cluster.nodes().stream().filter(LocalCluster.Node::running).toList();
        LocalCluster.Node victim = running.get(random.nextInt(running.size()));
        List<Path> files = blobFiles(victim);
        if (files.isEmpty()) {
            return "no blob file on " + victim.id() + " yet";
        }
        Path file = files.get(random.nextInt(files.size()));
        try {
            if (corrupt) {
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                    long at = raf.length() / 2;
                    raf.seek(at);
                    int b = raf.read();
                    raf.seek(at);
                    raf.write(b ^ 0x5a);
                }
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            return "could not damage " + file + ": " + e;
        }
        sleep(2_000);
        return (corrupt ? "flipped a byte of " : "deleted ") + "blob " + file.getFileName() + " on " + victim.id();
    }

    private static List<Path> blobFiles(LocalCluster.Node node) {
        Path root = node.dataDir().resolve("blobs");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Restarts a follower whose blob store must leave all but 64 KiB of the disk's free space
     * alone (blob.reserveFreeBytes), so its blob writes answer 507 after a few values; then
     * restarts it with the normal reserve.
     */
    private String diskFull(LocalCluster.Node follower) {
        long reserve;
        try {
            reserve = Math.max(1, Files.getFileStore(cluster.dir()).getUsableSpace() - 64 * 1024);
        } catch (IOException e) {
            return "disk space unknown: " + e;
        }
        follower.kill();
        cluster.startWith(follower, Map.of("blob.reserveFreeBytes", Long.toString(reserve)));
        sleep(4_000 + random.nextInt(4_000));
        follower.kill();
        cluster.start(follower);
        return follower.id() + " with blob.reserveFreeBytes " + reserve + " (64 KiB below the free space)";
    }

    /** The node that reports itself leader with the highest term (waits up to 10 s), else any running node. */
    LocalCluster.Node leader() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<LocalCluster.Node> leader = cluster.nodes().stream().filter(LocalCluster.Node::running)
                    .map(n -> Map.entry(n, health(n))).filter(e -> e.getValue().isPresent()
                            && ClusterView.LEADER.equals(e.getValue().get().cluster().role()))
                    .max(Comparator.comparingLong(e -> e.getValue().get().cluster().term())).map(Map.Entry::getKey);
            if (leader.isPresent()) {
                return leader.get();
            }
            sleep(100);
        }
        List<LocalCluster.Node> running = cluster.nodes().stream().filter(LocalCluster.Node::running).toList();
        return running.isEmpty() ? cluster.nodes().getFirst() : running.get(random.nextInt(running.size()));
    }

    private LocalCluster.Node other(LocalCluster.Node leader) {
        List<LocalCluster.Node> others = new ArrayList<>(cluster.nodes());
        others.remove(leader);
        return others.get(random.nextInt(others.size()));
    }

    private Optional<HealthReport> health(LocalCluster.Node node) {
        return cluster.health(node);
    }

    private static String ids(List<LocalCluster.Node> nodes) {
        return String.join("+", nodes.stream().map(LocalCluster.Node::id).toList());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
