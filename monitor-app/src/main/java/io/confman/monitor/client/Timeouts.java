package io.confman.monitor.client;

import java.time.Duration;

/**
 * Connect and request timeouts for one kind of call. Polling derives them from the poll interval
 * so that an unreachable node is given up on before the next round starts.
 *
 * @param connect how long to wait for a TCP connection
 * @param request how long to wait for the answer's headers once the request is sent
 */
public record Timeouts(Duration connect, Duration request) {

    /** Shortest timeout ever used, so a tiny interval cannot make every probe fail. */
    public static final Duration MINIMUM = Duration.ofMillis(50);

    public Timeouts {
        if (connect.compareTo(MINIMUM) < 0 || request.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException("timeouts below " + MINIMUM.toMillis() + " ms");
        }
    }

    /** Timeouts that fit inside one poll interval: connect in half of it, answer in 80 %. */
    public static Timeouts forPollInterval(Duration interval) {
        Duration request = max(interval.multipliedBy(4).dividedBy(5));
        Duration connect = max(interval.dividedBy(2));
        return new Timeouts(connect, request);
    }

    private static Duration max(Duration candidate) {
        return candidate.compareTo(MINIMUM) < 0 ? MINIMUM : candidate;
    }
}
