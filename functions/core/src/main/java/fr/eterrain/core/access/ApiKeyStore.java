package fr.eterrain.core.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface ApiKeyStore {
    void create(ApiKey key);

    Optional<ApiKey> find(String keyId);

    List<ApiKey> listByScope(String scope);

    /** Idempotent: revoking a revoked key keeps the first revocation time. */
    void revoke(String keyId, Instant at);
}
