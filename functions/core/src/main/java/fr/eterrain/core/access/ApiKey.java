package fr.eterrain.core.access;

import java.time.Instant;

/** A stored API key: only the SHA-256 of its secret part is kept. */
public record ApiKey(String keyId, String scope, String secretHash, String label, String createdBy,
                     Instant createdAt, Instant revokedAt) {
    public boolean active() {
        return revokedAt == null;
    }
}
