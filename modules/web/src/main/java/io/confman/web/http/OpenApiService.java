package io.confman.web.http;

import io.confman.web.support.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi} (no authentication): the OpenAPI 3 document of every public route
 * ({@code io/confman/web/openapi.json}, kept beside docs/API.md). It cannot drift from the code:
 * {@code RoutesTest} compares it with the routes {@code ConfmanWebServer.routes} declares, and
 * the launcher's {@code OpenApiTest} with docs/API.md and with what a running node answers.
 */
public final class OpenApiService implements HttpService {
    private static final String RESOURCE = "/io/confman/web/openapi.json";

    private final byte[] document;

    public OpenApiService() {
        try (InputStream in = OpenApiService.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the module");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::document);
    }

    private void document(ServerRequest req, ServerResponse res) {
        res.status(Status.OK_200).header(HeaderNames.CONTENT_TYPE, Json.APPLICATION_JSON).send(document);
    }
}
