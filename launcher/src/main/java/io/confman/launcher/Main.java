package io.confman.launcher;

import io.confman.launcher.ctl.Ctl;
import io.confman.launcher.tls.LocalCa;
import io.confman.raft.node.StartupRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.logging.LogManager;

/**
 * {@code confman-node}: runs one Confman node until SIGTERM/SIGINT.
 *
 * <pre>
 * confman-node [--local] [--config FILE]... [--node-id ID] [--data-dir DIR] [--initial-cluster-state new|existing]
 * confman-node ctl COMMAND ...
 * confman-node tls-init DIR NODE_ID...
 * </pre>
 * With {@code ctl} first it is the client command line instead ({@link Ctl}); with {@code
 * tls-init}, it makes a local CA and node certificates ({@link LocalCa}).
 * Exit status 2 means the node refused to start, or stopped by itself because another member
 * applies the state machine with different rules; the reason is one line on stderr.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("ctl")) {
            Ctl.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("tls-init")) {
            LocalCa.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        initLogging();
        NodeRuntime runtime;
        try {
            CommandLine cli = CommandLine.parse(args);
            if (cli.help()) {
                System.out.println(CommandLine.USAGE);
                return;
            }
            NodeSettings settings = NodeConfig.settings(
                    NodeConfig.load(cli.configFiles(), cli.local(), System.getenv(), cli.overrides()));
            runtime = NodeRuntime.start(settings);
        } catch (CommandLine.UsageProblem | NodeConfig.ConfigProblem | StartupRefusedException e) {
            System.err.println("confman-node: refusing to start: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IOException e) {
            System.err.println("confman-node: refusing to start: " + e);
            System.exit(2);
            return;
        }
        String nodeId = runtime.nodeId();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            // JUL's own shutdown hook may already have closed the log handlers: say it plainly.
            System.err.println("confman-node: node " + nodeId + " stopped");
        }, "confman-shutdown"));
        runtime.awaitClosed();
        if (runtime.refusal().isPresent()) {
            System.err.println("confman-node: refusing to run: " + runtime.refusal().get());
            System.exit(2);
        }
    }

    /** Uses the embedded logging setup unless the operator named a file. */
    private static void initLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = Main.class.getResourceAsStream("logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException e) {
            System.err.println("confman-node: default logging setup not loaded: " + e.getMessage());
        }
    }
}
