package io.confman.monitor.model;

import io.confman.monitor.client.HealthProbe;
import io.confman.monitor.client.NodePoll;
import io.confman.monitor.client.Timeouts;
import io.confman.monitor.logic.PollRound;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Probes every node once per interval, all in parallel ({@code /health/ready} and {@code /metrics}
 * of each at once), and hands each finished round to a sink through the UI executor.
 *
 * <p>Threads: a single daemon scheduler thread starts rounds; probes run on the HTTP client's
 * threads; the sink runs only via {@code uiExecutor}. Probe timeouts are below the interval, so a
 * round ends within one interval even when nodes hang; a round still running when the next is due
 * is not overlapped (that tick is skipped). Rounds from a previous {@link #start} are dropped.
 * {@link #start}, {@link #stop} and {@link #close} may be called from any thread.
 */
public final class ClusterPoller implements AutoCloseable {

    private final Executor uiExecutor;
    private final Clock clock;
    private final Consumer<PollRound> sink;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "confman-poller");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Session session;
    private ScheduledFuture<?> ticks;

    private record Session(List<URI> nodes, HealthProbe probe, AtomicBoolean roundRunning) {
    }

    /**
     * @param uiExecutor runs the sink (Platform::runLater in the app, {@link DirectExecutor} in tests)
     * @param clock      stamps each round
     * @param sink       receives each finished round, on the UI executor
     */
    public ClusterPoller(Executor uiExecutor, Clock clock, Consumer<PollRound> sink) {
        this.uiExecutor = uiExecutor;
        this.clock = clock;
        this.sink = sink;
    }

    /** Starts polling these nodes at this interval, replacing any earlier session. */
    public synchronized void start(List<URI> nodes, Duration interval) {
        stop();
        Session started = new Session(List.copyOf(nodes),
                new HealthProbe(Timeouts.forPollInterval(interval), clock), new AtomicBoolean());
        session = started;
        ticks = scheduler.scheduleAtFixedRate(() -> tick(started), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops polling; a round in flight is dropped. */
    public synchronized void stop() {
        Session current = session;
        session = null;
        if (ticks != null) {
            ticks.cancel(false);
            ticks = null;
        }
        if (current != null) {
            current.probe().close();
        }
    }

    private void tick(Session owner) {
        if (owner != session || !owner.roundRunning().compareAndSet(false, true)) {
            return;
        }
        pollRound(owner).whenComplete((round, failure) -> {
            owner.roundRunning().set(false);
            if (round != null) {
                uiExecutor.execute(() -> {
                    if (owner == session) {
                        sink.accept(round);
                    }
                });
            }
        });
    }

    private CompletableFuture<PollRound> pollRound(Session owner) {
        List<CompletableFuture<NodePoll>> probes = owner.nodes().stream()
                .map(node -> owner.probe().probe(node).thenCombine(owner.probe().metrics(node), NodePoll::withMetrics))
                .toList();
        return CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new))
                .thenApply(done -> new PollRound(clock.instant(), probes.stream().map(CompletableFuture::join).toList()));
    }

    @Override
    public void close() {
        stop();
        scheduler.shutdownNow();
    }
}
