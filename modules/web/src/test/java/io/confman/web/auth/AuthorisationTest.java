package io.confman.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.web.ApiKey;
import io.confman.web.support.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The auth rules without HTTP: the role lattice, namespace scoping with its prefix rule, and key
 * lookup for plain and {@code sha256:} secrets, which always compares digests of every key.
 */
class AuthorisationTest {

    @ParameterizedTest(name = "{0} may {1}: {2}")
    @CsvSource({
            "viewer, READ, true", "viewer, WRITE_CONFIG, false", "viewer, MANAGE_NAMESPACES, false",
            "editor, READ, true", "editor, WRITE_CONFIG, true", "editor, MANAGE_NAMESPACES, false",
            "publisher, READ, true", "publisher, WRITE_CONFIG, true", "publisher, MANAGE_NAMESPACES, false",
            "admin, READ, true", "admin, WRITE_CONFIG, true", "admin, MANAGE_NAMESPACES, true"})
    void eachRoleGrantsWhatTheRolesBelowItGrant(String role, Permission permission, boolean allowed) {
        Principal principal = principal(List.of(role), List.of("*"));
        assertEquals(allowed, principal.may(permission));
    }

    @Test
    void theStrongestOfSeveralRolesCountsAndUnknownRolesGrantNothing() {
        assertTrue(principal(List.of("viewer", "Admin"), List.of("*")).may(Permission.MANAGE_NAMESPACES));
        Principal unknown = principal(List.of("superuser"), List.of("*"));
        assertEquals(Optional.empty(), unknown.role());
        assertFalse(unknown.may(Permission.READ));
    }

    @ParameterizedTest(name = "scope {0} allows {1}: {2}")
    @CsvSource({
            "*, anything, true", "prod, prod, true", "prod, prod/payments, true", "prod, prod/a/b, true",
            "prod, production, false", "prod, prod-x, false", "prod, pro, false", "prod, dev/prod, false",
            "prod/payments, prod, false", "prod/payments, prod/payments, true"})
    void aScopeEntryGrantsItselfAndWhatLiesBelowItOnly(String entry, String namespace, boolean allowed) {
        assertEquals(allowed, new NamespaceScope(List.of(entry)).allows(namespace));
    }

    @Test
    void aKeyWithoutNamespacesMayTouchAllAndSeveralEntriesCombine() {
        assertTrue(principal(List.of("viewer"), null).mayAccess("anything"));
        NamespaceScope two = new NamespaceScope(List.of("a", "b"));
        assertTrue(two.allows("a") && two.allows("b/c"));
        assertFalse(two.allows("c"));
    }

    @Test
    void aPlainSecretAndASha256SecretAuthenticateTheirKeysOnly() {
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(List.of(
                new ApiKey("Plain", "plain-key", List.of("viewer"), List.of("*")),
                new ApiKey("Hashed", "sha256:" + sha256Hex("hashed-key").toUpperCase(), List.of("admin"), List.of("ops"))));
        assertEquals("Plain", authenticator.authenticate("plain-key").orElseThrow().name());
        Principal hashed = authenticator.authenticate("hashed-key").orElseThrow();
        assertEquals("Hashed", hashed.name());
        assertEquals(Optional.of(Role.ADMIN), hashed.role());
        assertTrue(hashed.mayAccess("ops/x"));
        assertEquals(Optional.empty(), authenticator.authenticate("sha256:" + sha256Hex("hashed-key")),
                "presenting the stored hash is not presenting the key");
        assertEquals(Optional.empty(), authenticator.authenticate("plain-ke"));
        assertEquals(Optional.empty(), authenticator.authenticate("plain-key "));
        assertEquals(Optional.empty(), authenticator.authenticate(""));
        assertEquals(Optional.empty(), authenticator.authenticate(null));
    }

    @Test
    void keysAreComparedAsDigestsSoEveryLengthTakesTheSamePath() {
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(List.of(
                new ApiKey("Short", "k", List.of("viewer"), List.of("*"))));
        assertEquals(32, Sha256.of("k").length);
        assertEquals(32, Sha256.of("x".repeat(10_000)).length);
        assertEquals(Optional.empty(), authenticator.authenticate("x".repeat(10_000)));
        assertTrue(authenticator.authenticate("k").isPresent());
    }

    @Test
    void aMalformedSha256SecretIsRefusedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ApiKeyAuthenticator(List.of(
                new ApiKey("Broken", "sha256:abc", List.of("viewer"), List.of("*")))));
        assertTrue(e.getMessage().contains("Broken"), e.getMessage());
    }

    @Test
    void aKeyWithAnEmptyNamespaceListIsRefusedNotGrantedEverything() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ApiKey("Nobody", "secret", List.of("viewer"), List.of()));
        assertTrue(e.getMessage().contains("'Nobody' lists no namespaces"), e.getMessage());
    }

    private static Principal principal(List<String> roles, List<String> namespaces) {
        return new ApiKeyAuthenticator(List.of(new ApiKey("Someone", "secret", roles, namespaces)))
                .authenticate("secret").orElseThrow();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
