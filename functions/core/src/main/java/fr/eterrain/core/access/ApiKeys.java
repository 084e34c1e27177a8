package fr.eterrain.core.access;

import fr.eterrain.core.security.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Issues and verifies API keys of the form {@code et_<keyId>_<secret>}. The key id finds the record in one
 * read; the secret (256 bits) is compared by hash in constant time. High-entropy secrets need no slow hash.
 */
public final class ApiKeys {
    private final ApiKeyStore store;
    private final Clock clock;

    public ApiKeys(ApiKeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new key; {@code secret()} is the whole bearer value, shown once and never stored. */
    public record IssuedKey(String keyId, String scope, String secret) {
    }

    /** A key of the legacy kind: no scopes (the legacy permissions of the wiring table), no expiry. */
    public IssuedKey issue(String scope, String label, String createdBy) {
        return issue(scope, label, createdBy, java.util.List.of(), null).issued();
    }

    public record Issued(IssuedKey issued, ApiKey key) {
    }

    /** A key carrying these permissions until expiresAt (null: never). */
    public Issued issue(String scope, String label, String createdBy, java.util.List<String> scopes,
                        java.time.Instant expiresAt) {
        String keyId = Ids.random(9).replace('-', 'x').replace('_', 'y');
        String secretPart = Ids.random(32);
        ApiKey key = new ApiKey(keyId, scope, sha256(secretPart), label, createdBy, clock.instant(), null, scopes, expiresAt);
        store.create(key);
        return new Issued(new IssuedKey(keyId, scope, "et_" + keyId + "_" + secretPart), key);
    }

    /** The key's record when the bearer value is genuine, not revoked and not expired. */
    public Optional<ApiKey> verify(String bearer) {
        if (bearer == null || !bearer.startsWith("et_") || bearer.length() > 200) {
            return Optional.empty();
        }
        int split = bearer.indexOf('_', 3);
        if (split < 0) {
            return Optional.empty();
        }
        String keyId = bearer.substring(3, split);
        String secretPart = bearer.substring(split + 1);
        return store.find(keyId)
                .filter(k -> k.activeAt(clock.instant()))
                .filter(k -> MessageDigest.isEqual(k.secretHash().getBytes(StandardCharsets.US_ASCII),
                        sha256(secretPart).getBytes(StandardCharsets.US_ASCII)));
    }

    public ApiKeyStore store() {
        return store;
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
