package io.confman.web.api;

import io.confman.web.NodeServices;
import io.confman.web.auth.ApiKeyAuthenticator;
import io.helidon.webserver.http.HttpRouting;

/**
 * Registers the {@code /api/v1} configuration routes: namespaces, config entries, the
 * cross-namespace config list and audit. Errors are answered by the routing-wide problem handler
 * that {@code ConfmanWebServer} installs.
 */
public final class ApiRoutes {
    public static final String PREFIX = "/api/v1";

    private ApiRoutes() {
    }

    /**
     * Registers the routes, accepting JSON bodies of up to {@code maxJsonBodyBytes} ({@code
     * http.maxPayloadBytes}), storing JSON values at or above the inline threshold with {@code
     * largeValues} and reading blob-backed values back with {@code largeValueReader}.
     */
    public static void register(HttpRouting.Builder routing, NodeServices services, long maxJsonBodyBytes,
                                LargeValueWriter largeValues, LargeValueReader largeValueReader) {
        AccessGuard guard = new AccessGuard(new ApiKeyAuthenticator(services.apiKeys()));
        RaftCalls raft = new RaftCalls(services.store());
        routing.register(PREFIX,
                new NamespaceService(guard, raft, maxJsonBodyBytes),
                new ConfigService(guard, raft, services.blobSettings().inlineThresholdBytes(), maxJsonBodyBytes,
                        largeValues, largeValueReader));
    }
}
