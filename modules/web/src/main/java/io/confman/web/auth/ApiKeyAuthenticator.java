package io.confman.web.auth;

import io.confman.web.ApiKey;
import io.confman.web.support.Sha256;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the configured key a request presents. Keys are compared as SHA-256 digests with {@link
 * MessageDigest#isEqual} and every configured key is compared on every call, so the time taken
 * says nothing about which key, or how much of one, matched.
 *
 * <p>Immutable and thread-safe.
 */
public final class ApiKeyAuthenticator {
    /** A configured secret in this form holds the key's SHA-256 instead of the key. */
    public static final String SHA256_PREFIX = "sha256:";
    private static final int SHA256_HEX_CHARS = 64;

    private final List<StoredKey> keys;

    /**
     * @throws IllegalArgumentException when a {@code sha256:} secret is not 64 hex characters
     */
    public ApiKeyAuthenticator(List<ApiKey> apiKeys) {
        this.keys = apiKeys.stream().map(ApiKeyAuthenticator::stored).toList();
    }

    /** The principal of the key {@code presented}, or empty when it is missing or unknown. */
    public Optional<Principal> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = Sha256.of(presented);
        StoredKey match = null;
        for (StoredKey key : keys) {
            if (MessageDigest.isEqual(digest, key.digest) && match == null) {
                match = key;
            }
        }
        return Optional.ofNullable(match).map(StoredKey::principal);
    }

    private static StoredKey stored(ApiKey key) {
        String secret = key.secret();
        byte[] digest;
        if (secret.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
            String hex = secret.substring(SHA256_PREFIX.length()).toLowerCase(Locale.ROOT);
            if (hex.length() != SHA256_HEX_CHARS || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("API key '" + key.name() + "': a sha256: secret must be "
                        + SHA256_HEX_CHARS + " hex characters");
            }
            digest = HexFormat.of().parseHex(hex);
        } else {
            digest = Sha256.of(secret);
        }
        Optional<Role> role = key.roles().stream().map(Role::parse).flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
        return new StoredKey(digest, new Principal(key.name(), role, new NamespaceScope(key.namespaces())));
    }

    private record StoredKey(byte[] digest, Principal principal) {
    }
}
