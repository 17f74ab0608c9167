package io.confman.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.codec.model.AuditAction;
import io.confman.codec.model.AuditEvent;
import io.confman.raft.watch.ChangeFeed;
import io.confman.raft.watch.Watch;
import io.confman.raft.watch.WatchStart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Watches fed by a real state machine in memory: history then live changes with no gap and no
 * duplicate, other namespaces filtered out, a namespace delete's changes together, a start below
 * the retained history refused, a watcher that falls behind its bounded queue cut off after what
 * was queued, a snapshot restore ending every watch, and the watcher limit.
 */
class ChangeFeedTest {
    private static final long NO_WAIT = 0;

    private final Node node = new Node(new ConfigStateMachine(5));
    private final ChangeFeed feed = new ChangeFeed(4, 2);

    ChangeFeedTest() {
        node.machine.listen(feed);
    }

    @Test
    void aWatchGetsTheRetainedHistoryThenLiveChangesWithNoGapOrDuplicate() throws InterruptedException {
        node.setConfig("app", "a", "1");
        node.setConfig("other", "x", "1");
        node.setConfig("app", "a", "2");
        WatchStart.Started started = assertInstanceOf(WatchStart.Started.class, feed.open("app", node.machine, 1));
        assertEquals(List.of(3L), revisions(started.backlog()));
        node.setConfig("app", "b", "1");
        node.setConfig("other", "x", "2");
        node.deleteConfig("app", "a");
        try (Watch watch = started.watch()) {
            assertEquals(List.of(4L, 6L), revisions(changes(watch)));
            assertInstanceOf(Watch.Next.Idle.class, watch.next(NO_WAIT));
        }
        assertEquals(0, feed.watchers());
    }

    @Test
    void aWatchFromNowGetsOnlyLaterChanges() throws InterruptedException {
        node.setConfig("app", "a", "1");
        WatchStart.Started started = assertInstanceOf(WatchStart.Started.class,
                feed.open("app", node.machine, ChangeFeed.NOW));
        assertEquals(List.of(), started.backlog());
        node.setConfig("app", "a", "2");
        try (Watch watch = started.watch()) {
            List<AuditEvent> events = changes(watch);
            assertEquals(List.of(2L), revisions(events));
            assertEquals(AuditAction.CONFIG_UPDATED, events.getFirst().action());
        }
    }

    @Test
    void aNamespaceDeleteArrivesAsOneGroupSharingItsRevision() throws InterruptedException {
        node.setConfig("app", "a", "1");
        node.setConfig("app", "b", "1");
        WatchStart.Started started = assertInstanceOf(WatchStart.Started.class,
                feed.open("app", node.machine, ChangeFeed.NOW));
        node.deleteNamespace("app");
        try (Watch watch = started.watch()) {
            List<AuditEvent> events = changes(watch);
            assertEquals(List.of(AuditAction.CONFIG_DELETED, AuditAction.CONFIG_DELETED, AuditAction.NAMESPACE_DELETED),
                    events.stream().map(AuditEvent::action).toList());
            assertEquals(List.of(3L, 3L, 3L), revisions(events));
        }
    }

    @Test
    void aStartBelowTheRetainedHistoryIsExpiredAndNamesTheEarliestStart() {
        for (int i = 1; i <= 7; i++) {
            node.setConfig("app", "k", "v" + i);
        }
        // 5 events kept (revisions 3..7): only a start after 3 is known to miss nothing.
        assertEquals(new WatchStart.Expired(3), feed.open("app", node.machine, 2));
        WatchStart.Started started = assertInstanceOf(WatchStart.Started.class, feed.open("app", node.machine, 3));
        assertEquals(List.of(4L, 5L, 6L, 7L), revisions(started.backlog()));
        started.watch().close();
        assertEquals(0, feed.watchers());
    }

    @Test
    void aWatcherThatFallsBehindItsQueueIsCutOffAfterWhatWasQueued() throws InterruptedException {
        WatchStart.Started started = assertInstanceOf(WatchStart.Started.class,
                feed.open("app", node.machine, ChangeFeed.NOW));
        for (int i = 1; i <= 6; i++) {
            node.setConfig("app", "k", "v" + i);
        }
        assertEquals(0, feed.watchers(), "a cut-off watcher no longer counts");
        try (Watch watch = started.watch()) {
            assertEquals(List.of(1L, 2L, 3L, 4L), revisions(changes(watch)));
            Watch.Next.Ended ended = assertInstanceOf(Watch.Next.Ended.class, watch.next(NO_WAIT));
            assertTrue(ended.reason().contains("fell more than 4 changes behind"), ended.reason());
        }
        // It resumes from the history after the last revision it got.
        WatchStart.Started resumed = assertInstanceOf(WatchStart.Started.class, feed.open("app", node.machine, 4));
        assertEquals(List.of(5L, 6L), revisions(resumed.backlog()));
        resumed.watch().close();
    }

    @Test
    void aRestoredSnapshotEndsEveryWatch() throws IOException, InterruptedException {
        node.setConfig("app", "a", "1");
        WatchStart.Started started = assertInstanceOf(WatchStart.Started.class,
                feed.open("app", node.machine, ChangeFeed.NOW));
        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        node.machine.captureSnapshot().writeTo(snapshot);
        node.machine.restore(new ByteArrayInputStream(snapshot.toByteArray()));
        try (Watch watch = started.watch()) {
            assertInstanceOf(Watch.Next.Ended.class, watch.next(NO_WAIT));
        }
        assertEquals(0, feed.watchers());
    }

    @Test
    void watchesBeyondTheLimitAreRefusedAndAClosedFeedEndsTheOpenOnes() throws InterruptedException {
        Watch first = ((WatchStart.Started) feed.open("app", node.machine, ChangeFeed.NOW)).watch();
        Watch second = ((WatchStart.Started) feed.open("other", node.machine, ChangeFeed.NOW)).watch();
        assertEquals(new WatchStart.Full(2), feed.open("third", node.machine, ChangeFeed.NOW));
        feed.close();
        assertInstanceOf(Watch.Next.Ended.class, first.next(NO_WAIT));
        assertInstanceOf(Watch.Next.Ended.class, second.next(NO_WAIT));
        assertEquals(new WatchStart.Full(2), feed.open("app", node.machine, ChangeFeed.NOW));
    }

    private static List<AuditEvent> changes(Watch watch) throws InterruptedException {
        List<AuditEvent> events = new ArrayList<>();
        while (watch.next(NO_WAIT) instanceof Watch.Next.Changes changes) {
            events.addAll(changes.events());
        }
        return events;
    }

    private static List<Long> revisions(List<AuditEvent> events) {
        return events.stream().map(AuditEvent::revision).toList();
    }
}
