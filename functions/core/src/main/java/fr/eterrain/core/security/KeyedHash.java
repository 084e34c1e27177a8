package fr.eterrain.core.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * HMAC-SHA256 under a secret key: finds an address without storing it, keeps an erased address suppressed,
 * and pseudonymises IPs and user agents in consent proofs. Without the key the hash reveals nothing.
 *
 * <p>{@code HASH_KEY} can rotate: the first key of the ring hashes new data ({@link #of}); a lookup tries the hash
 * under every key of the ring ({@link #candidates}), so addresses indexed and suppressed under the old key are still
 * found while a rotation lasts.
 */
public final class KeyedHash {
    private final List<byte[]> keys = new ArrayList<>();

    public KeyedHash(byte[] key) {
        this(Map.of("k1", key));
    }

    /** @param keys by key id, the current one first (Secrets.hashKeys) */
    public KeyedHash(Map<String, byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no hash key");
        }
        keys.values().forEach(k -> this.keys.add(k.clone()));
    }

    public String of(String purpose, String value) {
        return hash(keys.get(0), purpose, value);
    }

    /** The hash under every key of the ring, the current one first: what a lookup tries. */
    public List<String> candidates(String purpose, String value) {
        return keys.stream().map(k -> hash(k, purpose, value)).distinct().toList();
    }

    public String email(String normalizedEmail) {
        return of("email", normalizedEmail);
    }

    /** The address's hash under every key, the current one first. */
    public List<String> emailCandidates(String normalizedEmail) {
        return candidates("email", normalizedEmail);
    }

    /** Null stays null: a missing IP or user agent is recorded as missing. */
    public String nullable(String purpose, String value) {
        return value == null || value.isBlank() ? null : of(purpose, value);
    }

    private static String hash(byte[] key, String purpose, String value) {
        byte[] mac = HmacSha256.mac(key, purpose.getBytes(StandardCharsets.UTF_8), new byte[] {0},
                value.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }
}
