package io.confman.raft.ratis;

import io.confman.raft.node.DurationHistogram;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.metrics.MetricRegistryInfo;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.apache.ratis.metrics.impl.RatisMetricRegistryImpl;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.server.metrics.RaftLogMetricsBase;
import org.apache.ratis.server.metrics.SegmentedRaftLogMetrics;
import org.apache.ratis.thirdparty.com.codahale.metrics.MetricRegistry;
import org.apache.ratis.thirdparty.com.codahale.metrics.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durations of the Raft log's fsyncs (etcd's {@code wal_fsync_duration}), taken from the timer
 * Ratis itself keeps around them rather than measured a second time.
 *
 * <p>Ratis 3.2's log worker times every synchronous flush of the open log segment with the
 * {@code syncTime} timer of its {@code log_worker} metric registry ({@code
 * SegmentedRaftLogWorker#flushOutStream}: the buffered entries written to the segment file, then
 * {@code FileChannel.force(false)}, i.e. fdatasync). That timer is a Dropwizard reservoir, which
 * cannot give Prometheus buckets. So a reporter registration — which Ratis's default {@code
 * MetricRegistries} calls with each registry it creates, before it hands the registry out — puts
 * a {@link Timer} under that name which also counts each duration into this member's {@link
 * DurationHistogram}; Ratis then finds and uses that timer. With {@code
 * raft.server.log.async-flush.enabled} (off here) the same timer would time the asynchronous
 * force from submission to completion.
 *
 * <p>One histogram per Raft member, kept for the life of the process: a division that reopens
 * gets a new registry, and the same histogram again. Registering a reporter stops Ratis from
 * enabling its JMX reporter on its own, so {@link #forMember} enables it as before.
 */
final class LogSyncDurations {
    private static final Logger LOG = LoggerFactory.getLogger(LogSyncDurations.class);
    private static final Map<String, DurationHistogram> BY_MEMBER = new ConcurrentHashMap<>();
    private static boolean installed;

    private LogSyncDurations() {
    }

    /**
     * This member's fsync histogram. Call it before the member's Raft server is built, so that the
     * log worker's registry is created after the hook is in place.
     */
    static DurationHistogram forMember(RaftGroupMemberId member) {
        install();
        return BY_MEMBER.computeIfAbsent(member.toString(), name -> new DurationHistogram());
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        MetricRegistries registries = MetricRegistries.global();
        registries.addReporterRegistration(LogSyncDurations::registryCreated, registry -> { });
        registries.enableJmxReporter();
        installed = true;
    }

    private static void registryCreated(RatisMetricRegistry registry) {
        MetricRegistryInfo info = registry.getMetricRegistryInfo();
        if (!RaftLogMetricsBase.RATIS_LOG_WORKER_METRICS.equals(info.getMetricsComponentName())) {
            return;
        }
        DurationHistogram histogram = BY_MEMBER.get(info.getPrefix());
        if (histogram == null) {
            return;
        }
        if (!(registry instanceof RatisMetricRegistryImpl dropwizard)) {
            LOG.warn("Ratis metric registry {} is a {}: the WAL fsync histogram stays empty",
                    info, registry.getClass().getName());
            return;
        }
        // The name RatisMetricRegistryImpl gives the timer: application.component.prefix.shortName.
        String prefix = MetricRegistry.name(info.getApplicationName(), info.getMetricsComponentName(), info.getPrefix());
        String name = MetricRegistry.name(prefix, SegmentedRaftLogMetrics.RAFT_LOG_SYNC_TIME);
        try {
            dropwizard.getDropWizardMetricRegistry().register(name, new RecordingTimer(histogram));
        } catch (IllegalArgumentException e) {
            LOG.warn("Ratis already has a timer {}: the WAL fsync histogram stays empty", name);
        }
    }

    /** A Ratis timer that also counts every duration into a histogram. */
    static final class RecordingTimer extends Timer {
        private final DurationHistogram histogram;

        RecordingTimer(DurationHistogram histogram) {
            this.histogram = histogram;
        }

        @Override
        public void update(long duration, TimeUnit unit) {
            super.update(duration, unit);
            histogram.observeNanos(unit.toNanos(duration));
        }

        @Override
        public void update(Duration duration) {
            update(duration.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
