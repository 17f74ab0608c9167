package io.confman.web.api;

import io.confman.web.NodeServices;
import io.confman.web.auth.ApiKeyAuthenticator;
import io.helidon.webserver.http.HttpRules;

/**
 * Registers the {@code /api/v1} configuration routes: namespaces, config entries, the
 * cross-namespace config list, audit, watch, backup and the cluster's members. Errors are answered by the routing-wide problem handler
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
    public static void register(HttpRules routing, NodeServices services, long maxJsonBodyBytes,
                                LargeValueWriter largeValues, LargeValueReader largeValueReader,
                                long watchHeartbeatMillis) {
        AccessGuard guard = new AccessGuard(new ApiKeyAuthenticator(services.apiKeys()));
        RaftCalls raft = new RaftCalls(services.store());
        routing.register(PREFIX,
                new NamespaceService(guard, raft, maxJsonBodyBytes),
                new ConfigService(guard, raft, services.blobSettings().inlineThresholdBytes(), maxJsonBodyBytes,
                        largeValues, largeValueReader),
                new WatchService(guard, raft, services.changes(), new WatchEvents(services.store().stale(), services.blobs()),
                        watchHeartbeatMillis),
                new BackupService(guard, raft, largeValueReader),
                new MembersService(guard, services.node()));
    }
}
