package io.confman.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.confman.codec.command.Preconditions;
import io.confman.codec.model.ConfigEntry;
import io.confman.raft.ApplyResult;
import io.confman.web.problem.ApiException;
import io.confman.web.problem.ProblemType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request validation without a server: the name rules, JSON bodies (content type, size, syntax,
 * shape, field types), entity-tag preconditions and the audit limit. Each refusal must be the
 * expected problem kind with a detail naming the problem.
 */
class RequestValidationTest {
    private static final Optional<String> JSON = Optional.of("application/json; charset=utf-8");
    private static final long LIMIT = 4096;

    @ParameterizedTest
    @ValueSource(strings = {"a", "prod", "db.url", "A-Z_0.9", "..a", "a..b", ".hidden"})
    void namesFromTheAllowedCharactersAreAccepted(String name) {
        assertEquals(name, NameRules.key(name));
        assertEquals(name, NameRules.namespace(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "...", "../x", "a/b", "a b", "é", "a\u0000", "a%2F"})
    void namesOutsideTheRuleAre400NamingTheRule(String name) {
        ApiException e = refused(ProblemType.INVALID_REQUEST, () -> NameRules.key(name));
        assertTrue(e.detail().contains(NameRules.RULE), e.detail());
    }

    @Test
    void namesAreLimitedTo256Characters() {
        assertEquals(256, NameRules.namespace("n".repeat(256)).length());
        ApiException e = refused(ProblemType.INVALID_REQUEST, () -> NameRules.namespace("n".repeat(10_240)));
        assertTrue(e.detail().contains("10240 characters"), e.detail());
    }

    @Test
    void aConfigBodyNeedsAStringValueAndDefaultsTheType() {
        JsonBodies.ConfigWrite write = JsonBodies.configWrite(object("{\"value\":\"\"}"));
        assertEquals("", write.value());
        assertEquals("string", write.type());
        assertEquals("json", JsonBodies.configWrite(object("{\"value\":\"{}\",\"type\":\"json\"}")).type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"value\":1}", "{\"value\":true}", "{\"value\":null}", "{\"value\":[]}", "{}",
            "{\"value\":\"a\",\"type\":\"\"}", "{\"value\":\"a\",\"type\":2}", "{\"value\":\"a\",\"Value\":\"b\"}"})
    void aConfigBodyOfTheWrongShapeIs400(String body) {
        refused(ProblemType.INVALID_REQUEST, () -> JsonBodies.configWrite(object(body)));
    }

    @Test
    void aNamespaceBodyMayBeEmptyAndItsUnknownFieldsAreIgnored() {
        JsonBodies.NamespaceWrite empty = JsonBodies.namespaceWrite(JsonBodies.readObject(Optional.empty(), -1, null, true,
                LIMIT));
        assertNull(empty.description());
        assertNull(empty.owner());
        assertEquals("d", JsonBodies.namespaceWrite(object("{\"description\":\"d\",\"owner\":null}")).description());
        JsonBodies.NamespaceWrite extras = JsonBodies.namespaceWrite(
                object("{\"name\":\"payments\",\"description\":\"d\",\"createdAt\":7,\"tags\":{\"a\":[1]}}"));
        assertEquals(new JsonBodies.NamespaceWrite("d", null), extras);
        ApiException e = refused(ProblemType.INVALID_REQUEST, () -> JsonBodies.namespaceWrite(object("{\"Owner\":\"x\"}")));
        assertTrue(e.detail().contains("field 'Owner' is not 'owner'"), e.detail());
    }

    @Test
    void aConfigBodyIgnoresUnknownFieldsButStillChecksTheKnownOnes() {
        assertEquals(new JsonBodies.ConfigWrite("a", "string"),
                JsonBodies.configWrite(object("{\"value\":\"a\",\"extra\":true,\"isBlobBacked\":null}")));
        refused(ProblemType.INVALID_REQUEST, () -> JsonBodies.configWrite(object("{\"value\":2,\"extra\":true}")));
        refused(ProblemType.INVALID_REQUEST, () -> JsonBodies.configWrite(object("{\"extra\":\"a\"}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"value\":\"a\"} x", "{\"value\":\"a\",\"value\":\"b\"}", "nul", "[1,]"})
    void malformedJsonIs400SayingSo(String body) {
        ApiException e = refused(ProblemType.INVALID_REQUEST, () -> JsonBodies.readObject(JSON, -1, stream(body), false, LIMIT));
        assertTrue(e.detail().startsWith("malformed JSON"), e.detail());
    }

    @Test
    void aBodyMustBeAnObject() {
        refused(ProblemType.INVALID_REQUEST, () -> JsonBodies.readObject(JSON, -1, stream("[]"), false, LIMIT));
        refused(ProblemType.INVALID_REQUEST, () -> JsonBodies.readObject(JSON, -1, null, false, LIMIT));
    }

    @Test
    void aNonJsonContentTypeIs415() {
        refused(ProblemType.UNSUPPORTED_MEDIA_TYPE, () -> JsonBodies.readObject(Optional.of("text/plain"), -1, stream("{}"),
                false, LIMIT));
        refused(ProblemType.UNSUPPORTED_MEDIA_TYPE, () -> JsonBodies.readObject(Optional.empty(), -1, stream("{}"), false, LIMIT));
        assertEquals(0, JsonBodies.readObject(Optional.of("application/merge-patch+json"), -1, stream("{}"), false,
                LIMIT).size());
    }

    @Test
    void aBodyOverTheLimitIs413NamingTheLimitWhetherDeclaredOrStreamed() {
        ApiException declared = refused(ProblemType.PAYLOAD_TOO_LARGE,
                () -> JsonBodies.readObject(JSON, LIMIT + 1, stream("{}"), false, LIMIT));
        assertTrue(declared.detail().contains(Long.toString(LIMIT)), declared.detail());
        assertTrue(declared.detail().contains("http.maxPayloadBytes"), declared.detail());
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }
        };
        refused(ProblemType.PAYLOAD_TOO_LARGE, () -> JsonBodies.readObject(JSON, -1, endless, false, LIMIT));
    }

    @Test
    void ifMatchAndIfNoneMatchBecomePreconditions() {
        assertEquals(Preconditions.NONE, EntityTags.preconditions(Optional.empty(), Optional.empty()));
        assertEquals(Preconditions.ifMatch(3), EntityTags.preconditions(Optional.of("\"3\""), Optional.empty()));
        assertEquals(Preconditions.ifMatchRevision(42), EntityTags.preconditions(Optional.of("\"r42\""), Optional.empty()));
        assertEquals(Preconditions.createOnlyIfAbsent(), EntityTags.preconditions(Optional.empty(), Optional.of(" * ")));
        for (String bad : new String[] {"3", "\"x\"", "\"0\"", "*", "\"1\", \"2\"", "W/\"1\"", "\"r\"", "\"r0\"",
                "\"r-1\"", "\"+3\"", "\"rr1\""}) {
            refused(ProblemType.INVALID_REQUEST, () -> EntityTags.preconditions(Optional.of(bad), Optional.empty()));
        }
        refused(ProblemType.INVALID_REQUEST, () -> EntityTags.preconditions(Optional.empty(), Optional.of("\"1\"")));
        refused(ProblemType.INVALID_REQUEST, () -> EntityTags.preconditions(Optional.of("\"1\""), Optional.of("*")));
    }

    @Test
    void aReadsIfNoneMatchHitsTheCurrentRevisionTagWeaklyOrStar() {
        String etag = EntityTags.of(new ConfigEntry("ns", "k", "v", "string", 4, "2026-01-01T00:00:00Z", "a", 17, null));
        assertEquals("\"r17\"", etag);
        assertTrue(EntityTags.noneMatchHits(Optional.of("\"r17\""), etag));
        assertTrue(EntityTags.noneMatchHits(Optional.of("\"1\", W/\"r17\""), etag));
        assertTrue(EntityTags.noneMatchHits(Optional.of("*"), etag));
        assertEquals(false, EntityTags.noneMatchHits(Optional.of("\"4\""), etag), "a version is not the tag");
        assertEquals(false, EntityTags.noneMatchHits(Optional.empty(), etag));
    }

    @Test
    void aCommittedWriteThatWasSkippedAsUndecodableIsARetryable503NotA500() {
        ApiException e = refused(ProblemType.COMMAND_NOT_APPLIED,
                () -> RaftCalls.changed(new ApplyResult.Skipped("unsupported envelope format version 3")));
        assertEquals(503, e.type().status().code());
        assertTrue(e.type().retryable());
        assertTrue(e.detail().contains("unsupported envelope format version 3"), e.detail());
        assertTrue(e.detail().contains("nothing changed"), e.detail());
    }

    @Test
    void theAuditLimitIsClampedTo1Through1000() {
        assertEquals(1, NamespaceService.clampedLimit("0"));
        assertEquals(1, NamespaceService.clampedLimit("-5"));
        assertEquals(50, NamespaceService.clampedLimit("50"));
        assertEquals(1000, NamespaceService.clampedLimit("1001"));
        refused(ProblemType.INVALID_REQUEST, () -> NamespaceService.clampedLimit("ten"));
    }

    private static ObjectNode object(String json) {
        return JsonBodies.readObject(JSON, -1, stream(json), false, LIMIT);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiException refused(ProblemType expected, Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(expected, e.type(), e.detail());
        return e;
    }
}
