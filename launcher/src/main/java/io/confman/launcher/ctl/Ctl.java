package io.confman.launcher.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.confman.codec.pem.Pem;
import io.confman.launcher.NodeConfig;
import io.helidon.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code confman ctl}: the top command, its shared options and its exit codes. {@link #run} is
 * the entry point, with the streams and environment passed in so that tests call it in-process.
 */
@Command(name = "confman ctl",
        description = "A client for a Confman cluster over its HTTP API.",
        subcommands = {KeyCommands.Get.class, KeyCommands.Put.class, KeyCommands.Cas.class, KeyCommands.Del.class,
            ListCommands.Ls.class, ListCommands.Audit.class, WatchCommand.class, StatusCommand.class,
            MemberCommands.class, NamespaceCommands.class, BackupCommands.Backup.class, BackupCommands.Restore.class,
            ImportCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  ok", "  1  usage error", "  2  no endpoint reachable", "  3  unauthorized or forbidden (401/403)",
            "  4  not found (404)", "  5  precondition failed (412)", "  6  any other server error (status: no leader)",
            "", "Endpoints: --endpoints, else CONFMAN_ENDPOINTS, else the local cluster of `./confman up`.",
            "API key: --api-key, else CONFMAN_API_KEY, else the local cluster's development admin key.",
            "CA for https: --cacert, else CONFMAN_CACERT, else data/tls/ca.pem when it exists (made by",
            "`./confman up --tls`), else the system's CAs. With a CA, the local cluster's endpoints are https."})
public final class Ctl implements Callable<Integer> {
    public static final int OK = 0;
    public static final int USAGE = 1;
    public static final int UNREACHABLE = 2;
    public static final int UNAUTHORIZED = 3;
    public static final int NOT_FOUND = 4;
    public static final int PRECONDITION_FAILED = 5;
    public static final int SERVER_ERROR = 6;
    static final String ENDPOINTS_ENV = "CONFMAN_ENDPOINTS";
    static final String API_KEY_ENV = "CONFMAN_API_KEY";
    static final String CACERT_ENV = "CONFMAN_CACERT";
    /** The CA `./confman up --tls` makes, relative to the directory ctl runs in. */
    static final Path LOCAL_CA = Path.of("data", "tls", "ca.pem");

    /** Text or JSON on stdout. */
    enum Output { table, json }

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    @Option(names = "--endpoints", split = ",", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Comma-separated base URLs, tried in order until one answers.")
    List<String> endpoints;

    @Option(names = "--api-key", paramLabel = "KEY", scope = ScopeType.INHERIT,
            description = "Sent as X-Api-Key.")
    String apiKey;

    @Option(names = "--cacert", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "PEM file of the CA that issued the nodes' certificates (https endpoints).")
    Path caCert;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            description = "table (default) or json.")
    Output output = Output.table;

    final InputStream in;
    final PrintStream out;
    final PrintStream err;
    private final Map<String, String> env;

    private Ctl(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, System.getenv()));
    }

    /** Runs one command line with nothing on stdin; answers its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, InputStream.nullInputStream(), out, err, env);
    }

    /** Runs one command line; answers its exit code. Failures print one line on {@code err}. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        CommandLine commandLine = new CommandLine(new Ctl(in, out, err, env));
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((problem, ignored) -> {
            err.println("confman ctl: " + problem.getMessage() + " (see --help)");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((problem, command, parsed) -> {
            if (problem instanceof CtlFailure failure) {
                err.println("confman ctl: " + failure.getMessage());
                return failure.exitCode();
            }
            err.println("confman ctl: " + problem);
            return SERVER_ERROR;
        });
        int exitCode = commandLine.execute(args);
        out.flush();
        return exitCode;
    }

    @Override
    public Integer call() {
        throw new CtlFailure(USAGE, "a command is needed: get, put, cas, del, ls, audit, watch, status, member, ns, backup,"
                + " restore or import (see --help)");
    }

    /** The client for the endpoints and key chosen by flag, environment or local cluster default. */
    CtlClient client() {
        return new CtlClient(endpointList().stream().map(Ctl::baseUri).toList(), key(), tls());
    }

    /** The CA file chosen by flag, environment or the local cluster's, if any. */
    Optional<Path> caFile() {
        if (caCert != null) {
            return Optional.of(caCert);
        }
        String fromEnv = env.get(CACERT_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(Path.of(fromEnv.strip()));
        }
        return Files.isRegularFile(LOCAL_CA) ? Optional.of(LOCAL_CA) : Optional.empty();
    }

    /** A TLS context trusting the chosen CA file, or empty for the JDK's default (the system's CAs). */
    private Optional<SSLContext> tls() {
        Optional<Path> file = caFile();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream pem = Files.newInputStream(file.get())) {
            return Optional.of(Pem.clientContext(Pem.certificates(pem)));
        } catch (IOException | IllegalArgumentException e) {
            throw new CtlFailure(USAGE, "CA file " + file.get() + " is not usable: " + CtlClient.describe(e));
        }
    }

    List<String> endpointList() {
        if (endpoints != null && !endpoints.isEmpty()) {
            return endpoints;
        }
        String fromEnv = env.get(ENDPOINTS_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Arrays.stream(fromEnv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        return localCluster(caFile().isPresent()).get("cluster.members").asNodeList().orElse(List.of()).stream()
                .map(member -> member.get("url").asString().get()).toList();
    }

    private String key() {
        if (apiKey != null) {
            return apiKey;
        }
        String fromEnv = env.get(API_KEY_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return localCluster(false).get("auth.apiKeys").asNodeList().orElse(List.of()).stream()
                .filter(k -> k.get("roles").asList(String.class).orElse(List.of()).contains("admin"))
                .map(k -> k.get("key").asString().get()).findFirst().orElse("");
    }

    /**
     * The local cluster's configuration, the one `./confman up` starts: one source of its ports and
     * keys; with {@code tls} (`./confman up --tls` made data/tls/), its member URLs are https.
     */
    private static Config localCluster(boolean tls) {
        return NodeConfig.load(List.of(), true, Map.of(), Map.of("tls.enabled", Boolean.toString(tls)));
    }

    private static URI baseUri(String endpoint) {
        try {
            URI uri = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CtlFailure(USAGE, "endpoint '" + endpoint + "' is not a URL like http://127.0.0.1:6100");
        }
    }

    /** Prints a JSON tree pretty-printed, for {@code -o json}. */
    void printJson(JsonNode node) {
        try {
            out.println(CtlClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree did not print", e);
        }
    }
}
