package io.confman.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed {@code confman-node} command line.
 *
 * @param configFiles YAML files, in increasing precedence
 * @param local       layer the embedded local three-node cluster over the defaults
 * @param overrides   configuration keys set by flags (win over everything)
 * @param help        print usage and exit
 */
record CommandLine(List<Path> configFiles, boolean local, Map<String, String> overrides, boolean help) {

    static final String USAGE = """
            usage: confman-node [--local] [--config FILE]... [--node-id ID] [--data-dir DIR]
                                [--initial-cluster-state new|existing]
              --local          use the embedded local 3-node cluster (ports 6100-6300, dev keys)
              --config FILE    YAML configuration; repeatable, later files win
              --node-id ID     sets node.id
              --data-dir DIR   sets node.dataDir
              --initial-cluster-state new|existing
                               sets cluster.initialState (new: first start of a new cluster)
            Environment variables CONFMAN_<KEY> override configuration keys (see README).""";

    static CommandLine parse(String[] args) {
        List<Path> files = new ArrayList<>();
        Map<String, String> overrides = new HashMap<>();
        boolean local = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--local" -> local = true;
                case "--help", "-h" -> help = true;
                case "--config" -> files.add(Path.of(value(args, ++i, arg)));
                case "--node-id" -> overrides.put("node.id", value(args, ++i, arg));
                case "--data-dir" -> overrides.put("node.dataDir", value(args, ++i, arg));
                case "--initial-cluster-state" -> overrides.put("cluster.initialState", value(args, ++i, arg));
                default -> throw new UsageProblem("unknown argument '" + arg + "'\n" + USAGE);
            }
        }
        return new CommandLine(List.copyOf(files), local, Map.copyOf(overrides), help);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new UsageProblem(flag + " needs a value");
        }
        return args[i];
    }

    /** The command line cannot be understood. */
    static final class UsageProblem extends RuntimeException {
        UsageProblem(String message) {
            super(message);
        }
    }
}
