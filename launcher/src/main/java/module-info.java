/**
 * The node's entry point: reads configuration (helidon-config: embedded defaults, YAML files,
 * environment overrides), validates it, and starts Raft and HTTP; and {@code confman ctl}, the
 * client command line (package {@code io.confman.launcher.ctl}, not exported), and {@code tls-init},
 * the local CA (package {@code io.confman.launcher.tls}).
 */
module io.confman.launcher {
    requires io.confman.web;
    requires io.helidon.config;
    // YAML sources are found through ServiceLoader only; without this the files are ignored.
    requires io.helidon.config.yaml;
    requires org.slf4j;
    // Members compare their state machine rules over HTTP (RuleAgreement).
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    requires io.helidon.logging.jul;
    requires java.logging;
    requires info.picocli;
    // The local CA of `./confman up --tls` (package tls): certificates built with Bouncy Castle.
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;

    // picocli sets the ctl commands' option fields reflectively.
    opens io.confman.launcher.ctl to info.picocli;

    exports io.confman.launcher;
}
