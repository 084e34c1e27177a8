package fr.eterrain.core.access;

import java.time.Instant;
import java.util.List;

/**
 * A stored API key: only the SHA-256 of its secret part is kept. scopes: the permissions it carries (empty for a key
 * issued before scopes: it keeps the legacy permissions of the wiring table); expiresAt: null for those keys.
 */
public record ApiKey(String keyId, String scope, String secretHash, String label, String createdBy,
                     Instant createdAt, Instant revokedAt, List<String> scopes, Instant expiresAt) {
    public ApiKey(String keyId, String scope, String secretHash, String label, String createdBy, Instant createdAt,
                  Instant revokedAt) {
        this(keyId, scope, secretHash, label, createdBy, createdAt, revokedAt, List.of(), null);
    }

    public ApiKey {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    public boolean active() {
        return revokedAt == null;
    }

    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
