package io.confman.launcher.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watch NS}: prints a namespace's changes from the watch stream, one line per event, until
 * {@code --max-events} events or {@code --timeout} seconds (either ends it with exit 0). A stream
 * the node ends (a watcher cut off, a node stopping) is resumed after the last event printed, on
 * the first endpoint that answers, so nothing is missed or printed twice.
 */
@Command(name = "watch", description = "Print a namespace's changes as they are committed.")
final class WatchCommand implements Callable<Integer> {
    static final long RECONNECT_PAUSE_MILLIS = 1_000;

    @ParentCommand
    Ctl ctl;

    @Parameters(paramLabel = "NS")
    String namespace;

    @Option(names = "--from-revision", paramLabel = "N", description = "Start at revision N (replayed from the audit history).")
    Long fromRevision;

    @Option(names = "--max-events", paramLabel = "N", defaultValue = "0", description = "Stop after N events (0: no limit).")
    long maxEvents;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0", description = "Stop after this many seconds (0: no limit).")
    long timeoutSeconds;

    private long deadlineNanos;
    private long printed;
    private String lastEventId;

    @Override
    public Integer call() {
        CtlClient client = ctl.client();
        deadlineNanos = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        // The stream blocks between events: the deadline interrupts the read.
        Thread alarm = timeoutSeconds > 0 ? Thread.ofVirtual().start(interrupter(Thread.currentThread())) : null;
        try {
            while (!done()) {
                HttpResponse<InputStream> stream = CtlClient.checked(
                        client.send("GET", path(), BodyPublishers.noBody(), headers()));
                readEvents(stream.body());
                if (!done()) {
                    Thread.sleep(RECONNECT_PAUSE_MILLIS);
                }
            }
        } catch (InterruptedException deadlineReached) {
            // the alarm: a normal end
        } catch (CtlFailure failure) {
            if (!done()) {
                throw failure;
            }
        } finally {
            stop(alarm);
        }
        return Ctl.OK;
    }

    private Runnable interrupter(Thread reader) {
        return () -> {
            try {
                Thread.sleep(Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000));
                reader.interrupt();
            } catch (InterruptedException finished) {
                // the watch ended first
            }
        };
    }

    /** Stops the alarm and clears an interrupt it may have sent meanwhile, so the caller's thread is left clean. */
    private static void stop(Thread alarm) {
        if (alarm == null) {
            return;
        }
        alarm.interrupt();
        boolean joined = false;
        while (!joined) {
            try {
                alarm.join();
                joined = true;
            } catch (InterruptedException fromTheAlarm) {
                // it fired while being stopped: wait for it to end, then clear below
            }
        }
        Thread.interrupted();
    }

    private boolean done() {
        return (maxEvents > 0 && printed >= maxEvents) || (timeoutSeconds > 0 && System.nanoTime() - deadlineNanos >= 0);
    }

    private String path() {
        String path = CtlClient.namespacePath(namespace) + "/watch";
        return fromRevision == null ? path : path + "?fromRevision=" + fromRevision;
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>(Map.of("Accept", "text/event-stream"));
        if (lastEventId != null) {
            headers.put("Last-Event-ID", lastEventId);
        }
        return headers;
    }

    /** Reads Server-Sent Events until the stream ends, a limit is reached or the deadline interrupts. */
    private void readEvents(InputStream body) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String data = null;
            String id = null;
            for (String line = lines.readLine(); line != null && !done(); line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        print(data);
                    }
                    if (id != null) {
                        lastEventId = id;
                    }
                    data = null;
                    id = null;
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                }
            }
        } catch (IOException streamEnded) {
            // A cut connection or the deadline's interrupt: the caller resumes or stops.
        }
    }

    private void print(String data) {
        printed++;
        if (ctl.output == Ctl.Output.json) {
            ctl.out.println(data);
            return;
        }
        try {
            JsonNode event = CtlClient.JSON.readTree(data);
            String key = ListCommands.text(event, "key");
            String version = ListCommands.text(event, "version");
            ctl.out.println(event.path("revision").asText("-") + " " + event.path("action").asText("-") + " "
                    + event.path("namespace").asText(namespace) + (key == null ? "" : "/" + key)
                    + (version == null ? "" : " version " + version));
        } catch (IOException e) {
            ctl.out.println(data);
        }
    }
}
