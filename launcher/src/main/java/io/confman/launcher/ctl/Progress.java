package io.confman.launcher.ctl;

import java.io.PrintStream;

/**
 * A one-line progress report on stderr ({@code \r}-rewritten, at most every half second), shown
 * only when the command runs on a terminal so that scripts and logs get no noise.
 */
final class Progress {
    static final long INTERVAL_NANOS = 500_000_000L;

    private final PrintStream err;
    private final String what;
    private final boolean shown = System.console() != null;
    private final long start = System.nanoTime();
    private long bytes;
    private long lastShown = start;

    Progress(PrintStream err, String what) {
        this.err = err;
        this.what = what;
    }

    void add(long more) {
        bytes += more;
        long now = System.nanoTime();
        if (shown && now - lastShown >= INTERVAL_NANOS) {
            lastShown = now;
            err.print("\r" + what + ": " + mebibytes(bytes) + " MiB, " + (now - start) / 1_000_000_000L + " s ");
            err.flush();
        }
    }

    void done() {
        if (shown && lastShown != start) {
            err.println();
        }
    }

    private static String mebibytes(long bytes) {
        return String.format("%.1f", bytes / (1024.0 * 1024.0));
    }
}
