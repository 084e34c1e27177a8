package fr.eterrain.core.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under a secret key: finds an address without storing it, keeps an erased address suppressed,
 * and pseudonymises IPs and user agents in consent proofs. Without the key the hash reveals nothing.
 */
public final class KeyedHash {
    private final SecretKeySpec key;

    public KeyedHash(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String of(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String email(String normalizedEmail) {
        return of("email", normalizedEmail);
    }

    /** Null stays null: a missing IP or user agent is recorded as missing. */
    public String nullable(String purpose, String value) {
        return value == null || value.isBlank() ? null : of(purpose, value);
    }
}
