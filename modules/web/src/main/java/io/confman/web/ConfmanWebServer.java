package io.confman.web;

import io.confman.web.api.ApiRoutes;
import io.confman.web.blob.BlobLargeValueWriter;
import io.confman.web.blob.BlobReadPath;
import io.confman.web.blob.BlobRoutes;
import io.confman.web.blob.BodyLimitFilter;
import io.confman.web.http.ClusterGuard;
import io.confman.web.http.HealthService;
import io.confman.web.http.OpenApiService;
import io.confman.web.http.StateService;
import io.confman.web.metrics.HttpRequestCounter;
import io.confman.web.metrics.MetricsService;
import io.confman.web.problem.ProblemDirectHandler;
import io.confman.web.problem.ProblemErrorHandler;
import io.confman.web.support.CorrelationFilter;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Wires a node's HTTP API. {@link #routes} is the one place routes are declared; {@link #start}
 * binds it to a listener with the configured limits.
 */
public final class ConfmanWebServer {
    /** How long a stopping server lets in-flight requests finish. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    private ConfmanWebServer() {
    }

    /** Starts the HTTP listener serving {@code services}, plain HTTP. */
    public static RunningServer start(WebSettings settings, NodeServices services) {
        return start(settings, services, Optional.empty());
    }

    /**
     * Starts the listener serving {@code services}: HTTPS only with {@code tls} when given (no
     * client certificate asked for; plain HTTP on the port is refused), plain HTTP otherwise.
     */
    public static RunningServer start(WebSettings settings, NodeServices services, Optional<SSLContext> tls) {
        BodyLimitFilter bodyLimits = new BodyLimitFilter(settings.maxPayloadBytes(),
                Duration.ofMillis(settings.idleTimeoutMillis()));
        WebServer server;
        try {
            server = WebServer.builder()
                    .host(settings.host())
                    .port(settings.port())
                    // Raw values stream up to the blob limit; BodyLimitFilter keeps the JSON limit elsewhere.
                    .maxPayloadSize(Math.max(settings.maxPayloadBytes(), services.blobSettings().maxSizeBytes()))
                    .maxTcpConnections(settings.maxTcpConnections())
                    .maxConcurrentRequests(settings.maxConcurrentRequests())
                    .idleConnectionTimeout(Duration.ofMillis(settings.idleTimeoutMillis()))
                    .idleConnectionPeriod(Duration.ofMillis(settings.idleCheckPeriodMillis()))
                    .shutdownGracePeriod(SHUTDOWN_GRACE)
                    .update(builder -> tls.ifPresent(context -> builder.tls(t -> t.sslContext(context))))
                    .directHandlers(ProblemDirectHandler.forAllEvents(settings.maxPayloadBytes()))
                    .routing(routing -> routing(routing.addFilter(bodyLimits), services, settings))
                    .build()
                    .start();
        } catch (RuntimeException e) {
            bodyLimits.close();
            throw e;
        }
        return new RunningServer() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public void close() {
                server.stop();
                bodyLimits.close();
            }
        };
    }

    /** Installs the filters and the error handler on {@code routing}, then every route. */
    static void routing(HttpRouting.Builder routing, NodeServices services, WebSettings settings) {
        HttpRequestCounter requests = new HttpRequestCounter();
        routing.addFilter(requests)
                .addFilter(new CorrelationFilter())
                .error(Throwable.class, new ProblemErrorHandler());
        routes(routing, services, settings, requests);
    }

    /**
     * Declares every route of the node's API on {@code rules}: the one place routes are declared
     * (a test records them and compares them with the OpenAPI document).
     */
    static void routes(HttpRules rules, NodeServices services, WebSettings settings, HttpRequestCounter requests) {
        ClusterGuard internalGuard = ClusterGuard.forMembers(services.clusterToken(),
                services.node().settings().members());
        rules.register("/health", new HealthService(services))
                .register("/metrics", new MetricsService(services, requests))
                .register("/openapi", new OpenApiService())
                .register("/internal/state", new StateService(services, internalGuard));
        ApiRoutes.register(rules, services, settings.maxPayloadBytes(), BlobLargeValueWriter.of(services),
                BlobReadPath.of(services), settings.watchHeartbeatMillis());
        BlobRoutes.register(rules, services, internalGuard);
    }
}
