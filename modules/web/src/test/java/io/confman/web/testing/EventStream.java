package io.confman.web.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client for tests: reads one stream on a thread of its own and queues what
 * arrives (events, comments, the end), each wait bounded by the caller.
 */
public final class EventStream implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What the stream carried: an event, a comment line, or its end. */
    public sealed interface Item permits Event, Comment, End {
    }

    /**
     * One event.
     *
     * @param id   its {@code id} field, or null when it had none
     * @param name its {@code event} field
     * @param data its {@code data}, as JSON
     */
    public record Event(String id, String name, JsonNode data) implements Item {
    }

    public record Comment(String text) implements Item {
    }

    public record End() implements Item {
    }

    public final HttpResponse<InputStream> response;
    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final Thread reader;

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Opens {@code uri} with {@code headers}; the answer may be an error (check {@link #response}). */
    public static EventStream open(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            return new EventStream(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        items.add(new Event(id, name, ApiClient.JSON.readTree(data.toString())));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    items.add(new Comment(line.substring(1).trim()));
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // closed by the test or the server: the end either way
        } finally {
            items.add(new End());
        }
    }

    /** The next {@code count} events, skipping comments; fails when the stream ends or stalls first. */
    public List<Event> events(int count, Duration within) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (events.size() < count) {
            Item item = items.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (item == null || item instanceof End) {
                throw new AssertionError("got " + events + " and then " + (item == null ? "nothing" : "the end")
                        + " within " + within + ", expected " + count + " events");
            }
            if (item instanceof Event event) {
                events.add(event);
            }
        }
        return events;
    }

    /** The next item of any kind, or null when nothing arrives within {@code within}. */
    public Item next(Duration within) throws InterruptedException {
        return items.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // the reader ends either way
        }
        reader.interrupt();
    }
}
