package io.confman.web.api;

import io.confman.codec.command.DeleteConfig;
import io.confman.codec.command.Preconditions;
import io.confman.codec.command.SetConfig;
import io.confman.codec.model.ConfigEntry;
import io.confman.raft.Change;
import io.confman.raft.ConfigQueries;
import io.confman.web.auth.Permission;
import io.confman.web.auth.Principal;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import io.confman.web.support.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Config entries: {@code /api/v1/namespaces/{namespace}/config[/{key}]} (list, get with ETag and
 * 304, put and delete with If-Match / If-None-Match) and the cross-namespace {@code
 * /api/v1/configs}, which lists only what the key may see.
 *
 * <p>A blob-backed entry answered alone carries its full value, streamed from the blob store into
 * the JSON answer, and its {@code blob} pointer; lists carry the pointer with {@code value: null}
 * so that a listing never streams hundreds of megabytes.
 */
final class ConfigService implements HttpService {
    private static final String LIST = "/namespaces/{" + Requests.NAMESPACE + "}/config";
    private static final String ONE = LIST + "/{" + Requests.KEY + "}";

    private final AccessGuard guard;
    private final RaftCalls raft;
    private final long inlineThresholdBytes;
    private final long maxJsonBodyBytes;
    private final LargeValueWriter largeValues;
    private final LargeValueReader largeValueReader;

    ConfigService(AccessGuard guard, RaftCalls raft, long inlineThresholdBytes, long maxJsonBodyBytes,
                  LargeValueWriter largeValues, LargeValueReader largeValueReader) {
        this.guard = guard;
        this.raft = raft;
        this.inlineThresholdBytes = inlineThresholdBytes;
        this.maxJsonBodyBytes = maxJsonBodyBytes;
        this.largeValues = largeValues;
        this.largeValueReader = largeValueReader;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/configs", this::listAll)
                .any("/configs", Requests.methodNotAllowed("GET"))
                .get(LIST, this::list)
                .any(LIST, Requests.methodNotAllowed("GET"))
                .get(ONE, this::get)
                .put(ONE, this::put)
                .delete(ONE, this::delete)
                .any(ONE, Requests.methodNotAllowed("GET, PUT, DELETE"));
    }

    private void listAll(ServerRequest req, ServerResponse res) {
        Principal caller = guard.require(req, Permission.READ);
        List<Map<String, Object>> visible = read(req).allConfigs().stream()
                .filter(entry -> caller.mayAccess(entry.namespace()))
                .map(ConfigService::crossNamespaceItem)
                .toList();
        Json.send(res, Status.OK_200, visible);
    }

    private void list(ServerRequest req, ServerResponse res) {
        String namespace = guard.requireNamespace(req, Permission.READ).namespace();
        Json.send(res, Status.OK_200, read(req).configs(namespace));
    }

    private void get(ServerRequest req, ServerResponse res) {
        String namespace = guard.requireNamespace(req, Permission.READ).namespace();
        String key = Requests.key(req);
        ConfigEntry entry = read(req).config(namespace, key)
                .orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND,
                        "config '" + namespace + "/" + key + "' does not exist"));
        String etag = EntityTags.of(entry);
        res.header(HeaderNames.ETAG, etag);
        if (EntityTags.noneMatchHits(req.headers().first(HeaderNames.IF_NONE_MATCH), etag)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        EntryJson.send(res, Status.OK_200, entry, EntryJson.ValueSource.fromBlob(largeValueReader, entry));
    }

    private void put(ServerRequest req, ServerResponse res) {
        AccessGuard.Target target = guard.requireNamespace(req, Permission.WRITE_CONFIG);
        String key = Requests.key(req);
        Preconditions preconditions = EntityTags.preconditions(req);
        JsonBodies.ConfigWrite body = JsonBodies.configWrite(JsonBodies.readObject(req, false, maxJsonBodyBytes));
        String now = Instant.now().toString();
        long sizeBytes = body.value().getBytes(StandardCharsets.UTF_8).length;
        Change change = sizeBytes >= inlineThresholdBytes
                ? RaftCalls.changed(raft.await(largeValues.write(new LargeValueWriter.LargeValue(target.namespace(),
                        key, body.value(), sizeBytes, body.type(), target.caller().name(), now, preconditions)), true))
                : raft.write(new SetConfig(target.namespace(), key, body.value(), body.type(), target.caller().name(),
                        now, preconditions));
        ConfigEntry stored = RaftCalls.storedEntry(change);
        res.header(HeaderNames.ETAG, EntityTags.of(stored));
        EntryJson.send(res, Status.OK_200, stored, EntryJson.ValueSource.of(body.value()));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        AccessGuard.Target target = guard.requireNamespace(req, Permission.WRITE_CONFIG);
        String key = Requests.key(req);
        Preconditions preconditions = EntityTags.preconditions(req.headers().first(HeaderNames.IF_MATCH),
                Optional.empty());
        Change change = raft.write(new DeleteConfig(target.namespace(), key, target.caller().name(),
                Instant.now().toString(), preconditions));
        if (!(change instanceof Change.ConfigDeleted)) {
            throw new IllegalStateException("DeleteConfig changed " + change);
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    /** The reference's cross-namespace shape. */
    static Map<String, Object> crossNamespaceItem(ConfigEntry entry) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("ns", entry.namespace());
        item.put("key", entry.key());
        item.put("value", entry.value());
        item.put("type", entry.type());
        item.put("version", entry.version());
        item.put("updatedAt", entry.updatedAt());
        item.put("updatedBy", entry.updatedBy());
        item.put("isBlobBacked", entry.blobBacked());
        item.put("blobId", entry.blob() == null ? null : entry.blob().sha256());
        return item;
    }

    private ConfigQueries read(ServerRequest req) {
        return raft.read(Requests.query(req, RaftCalls.CONSISTENCY));
    }
}
