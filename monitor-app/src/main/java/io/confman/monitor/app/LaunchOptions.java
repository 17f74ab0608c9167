package io.confman.monitor.app;

import io.confman.monitor.logic.MonitorSettings;
import io.confman.codec.pem.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;

/**
 * Reads the monitor's settings from, in rising precedence: the defaults, a settings file
 * ({@code ~/.confman/monitor.properties} or {@code --settings=FILE}), the environment variable
 * {@code CONFMAN_API_KEY}, and the command line.
 *
 * <pre>
 * confman-monitor [--settings=FILE] [--api-key=KEY] [--cacert=FILE] [--interval=1s] [--snapshot-budget=100ms]
 *                 [NODE_URL...]
 * </pre>
 * Settings file keys: {@code nodes} (comma-separated), {@code apiKey}, {@code interval},
 * {@code snapshotBudget}.
 */
public final class LaunchOptions {

    /** The usage text printed for {@code --help} and bad arguments. */
    public static final String USAGE = """
            Usage: confman-monitor [options] [NODE_URL...]
              NODE_URL               node HTTP base URL (default: the local cluster on 6100, 6200, 6300)
              --api-key=KEY          X-Api-Key for the browser (or env CONFMAN_API_KEY)
              --cacert=FILE          PEM CA certificate that https nodes' certificates must chain to
                                     (or env CONFMAN_CACERT; default: the system's CAs)
              --interval=DURATION    poll interval, e.g. 1s or 500ms (default 1s)
              --snapshot-budget=D    report snapshots slower than this (default 100ms)
              --settings=FILE        settings file (default ~/.confman/monitor.properties)
              --help                 print this text
            """;

    private LaunchOptions() {
    }

    /** Whether the arguments ask for the usage text. */
    public static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    /**
     * Builds the settings.
     *
     * @param args the command line
     * @param env  the environment (for {@code CONFMAN_API_KEY} and {@code HOME})
     * @throws IllegalArgumentException with a message for the user when something is invalid
     */
    public static MonitorSettings parse(List<String> args, Map<String, String> env) {
        Properties values = new Properties();
        Path settingsFile = settingsFile(args, env);
        if (settingsFile != null && Files.isRegularFile(settingsFile)) {
            load(settingsFile, values);
        }
        if (env.containsKey("CONFMAN_API_KEY")) {
            values.setProperty("apiKey", env.get("CONFMAN_API_KEY"));
        }
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                nodes.add(arg);
                continue;
            }
            String name = arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : arg.substring(2);
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : next(args, ++i, arg);
            switch (name) {
                case "api-key" -> values.setProperty("apiKey", value);
                case "interval" -> values.setProperty("interval", value);
                case "snapshot-budget" -> values.setProperty("snapshotBudget", value);
                case "settings", "cacert" -> { } // read above, and by trustCa
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        if (!nodes.isEmpty()) {
            values.setProperty("nodes", String.join(",", nodes));
        }
        MonitorSettings defaults = MonitorSettings.defaults();
        List<URI> nodeUrls = values.containsKey("nodes")
                ? MonitorSettings.parseNodes(values.getProperty("nodes")) : defaults.nodes();
        Duration interval = values.containsKey("interval")
                ? MonitorSettings.parseDuration(values.getProperty("interval")) : defaults.pollInterval();
        Duration budget = values.containsKey("snapshotBudget")
                ? MonitorSettings.parseDuration(values.getProperty("snapshotBudget")) : defaults.snapshotBudget();
        return new MonitorSettings(nodeUrls, values.getProperty("apiKey", ""), interval, budget);
    }

    /**
     * Makes the CA file of {@code --cacert} (else {@code CONFMAN_CACERT}) the one every HTTPS
     * connection of this process trusts, in place of the system's CAs: the monitor watches one
     * cluster, whose nodes' certificates that CA issued. Without either, nothing changes.
     *
     * @throws IllegalArgumentException when the file cannot be read as PEM certificates
     */
    public static void trustCa(List<String> args, Map<String, String> env) {
        String file = env.get("CONFMAN_CACERT");
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).startsWith("--cacert=")) {
                file = args.get(i).substring("--cacert=".length());
            } else if (args.get(i).equals("--cacert")) {
                file = next(args, i + 1, "--cacert");
            }
        }
        if (file == null || file.isBlank()) {
            return;
        }
        try (InputStream pem = Files.newInputStream(Path.of(file))) {
            SSLContext.setDefault(Pem.clientContext(Pem.certificates(pem)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read CA file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CA file " + file + " is not usable: " + e.getMessage(), e);
        }
    }

    private static Path settingsFile(List<String> args, Map<String, String> env) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).startsWith("--settings=")) {
                return Path.of(args.get(i).substring("--settings=".length()));
            }
            if (args.get(i).equals("--settings")) {
                return Path.of(next(args, i + 1, "--settings"));
            }
        }
        String home = env.get("HOME");
        return home == null ? null : Path.of(home, ".confman", "monitor.properties");
    }

    private static String next(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static void load(Path file, Properties into) {
        try (Reader reader = Files.newBufferedReader(file)) {
            into.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
    }
}
