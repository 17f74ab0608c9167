/**
 * The node's entry point: reads configuration (helidon-config: embedded defaults, YAML files,
 * environment overrides), validates it, and starts Raft and HTTP.
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

    exports io.confman.launcher;
}
