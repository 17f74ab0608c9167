package io.confman.web.api;

import io.confman.codec.model.AuditAction;
import io.confman.codec.model.AuditEvent;
import io.confman.codec.model.BlobRef;
import io.confman.raft.watch.ChangeFeed;
import io.confman.raft.watch.Watch;
import io.confman.raft.watch.WatchStart;
import io.confman.web.auth.Permission;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/namespaces/{namespace}/watch}: a namespace's changes as Server-Sent Events,
 * after a linearizable read barrier on whichever node serves it. The stream starts after {@code
 * Last-Event-ID} (a reconnect) or before {@code ?fromRevision=N} (inclusive), else with the next
 * change; 410 when changes after that point have left the retained history. Each event's {@code
 * data} is a {@link WatchEvents} object (never the value). Changes sharing a revision (a namespace
 * delete: one per key, then its own) carry the {@code id} on the last of them only, so a stream cut
 * among them resumes at their start. A comment goes out after every {@code heartbeatMillis}
 * without changes; a watcher that falls behind its bounded queue is cut off and resumes.
 */
final class WatchService implements HttpService {
    static final String PATH = "/namespaces/{" + Requests.NAMESPACE + "}/watch";
    static final String FROM_REVISION = "fromRevision";
    static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");
    static final String EVENT_STREAM = "text/event-stream";
    private static final Logger LOG = LoggerFactory.getLogger(WatchService.class);
    /** How long a client waits before reconnecting (the SSE {@code retry} field). */
    private static final long RECONNECT_MILLIS = 1_000;

    private final AccessGuard guard;
    private final RaftCalls raft;
    private final ChangeFeed changes;
    private final WatchEvents events;
    private final long heartbeatMillis;

    WatchService(AccessGuard guard, RaftCalls raft, ChangeFeed changes, WatchEvents events, long heartbeatMillis) {
        this.guard = guard;
        this.raft = raft;
        this.changes = changes;
        this.events = events;
        this.heartbeatMillis = heartbeatMillis;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, this::watch)
                .any(PATH, Requests.methodNotAllowed("GET"));
    }

    private void watch(ServerRequest req, ServerResponse res) {
        String namespace = guard.requireNamespace(req, Permission.READ).namespace();
        long after = startAfter(req.headers().first(LAST_EVENT_ID), Requests.query(req, FROM_REVISION));
        WatchStart start = changes.open(namespace, raft.read(Optional.empty()), after);
        Watch watch = switch (start) {
            case WatchStart.Started started -> started.watch();
            case WatchStart.Expired expired -> throw new ApiException(ProblemType.HISTORY_EXPIRED,
                    "changes of namespace '" + namespace + "' after revision " + after
                            + " are no longer retained; the earliest start is fromRevision="
                            + (expired.earliestAfterRevision() + 1) + " (or read the current state and watch from now)");
            case WatchStart.Full full -> throw new ApiException(ProblemType.TOO_MANY_WATCHERS,
                    "this node serves at most " + full.maxWatchers() + " watches at once (http.maxWatchers)");
        };
        try (watch) {
            res.status(Status.OK_200)
                    .header(HeaderNames.CONTENT_TYPE, EVENT_STREAM)
                    .header(HeaderNames.CACHE_CONTROL, "no-cache")
                    .header("X-Accel-Buffering", "no");
            try (OutputStream out = res.outputStream()) {
                write(out, "retry: " + RECONNECT_MILLIS + "\n: watching " + namespace + "\n\n");
                send(out, ((WatchStart.Started) start).backlog());
                stream(watch, out);
            }
        } catch (UncheckedIOException | IOException e) {
            LOG.debug("watch of {} ended: the client went away ({})", namespace, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stream(Watch watch, OutputStream out) throws IOException, InterruptedException {
        while (true) {
            switch (watch.next(heartbeatMillis)) {
                case Watch.Next.Changes changed -> send(out, changed.events());
                case Watch.Next.Idle idle -> write(out, ": heartbeat\n\n");
                case Watch.Next.Ended ended -> {
                    LOG.debug("watch of {} ended: {}", watch.namespace(), ended.reason());
                    return;
                }
            }
        }
    }

    /** Writes changes as events, {@code id} on the last of each revision, and flushes once. */
    private void send(OutputStream out, List<AuditEvent> changed) throws IOException {
        if (changed.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < changed.size(); i++) {
            AuditEvent event = changed.get(i);
            boolean lastOfRevision = i + 1 == changed.size() || changed.get(i + 1).revision() != event.revision();
            if (lastOfRevision) {
                text.append("id: ").append(event.revision()).append('\n');
            }
            text.append("event: ").append(event.action().wireName()).append('\n')
                    .append("data: ").append(events.json(event)).append("\n\n");
        }
        write(out, text.toString());
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The revision the stream starts after: the last event id, else the one before fromRevision, else now. */
    static long startAfter(Optional<String> lastEventId, Optional<String> fromRevision) {
        if (lastEventId.isPresent() && !lastEventId.get().isBlank()) {
            return revision(lastEventId.get().trim(), "Last-Event-ID");
        }
        if (fromRevision.isPresent()) {
            long from = revision(fromRevision.get(), FROM_REVISION);
            return from == 0 ? 0 : from - 1;
        }
        return ChangeFeed.NOW;
    }

    private static long revision(String text, String name) {
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(ProblemType.INVALID_REQUEST, name + " must be a revision (an integer of at least 0), not '"
                + text + "'");
    }
}
