package fr.eterrain.core.access;

import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.security.KeyedHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates {@code Authorization: Bearer <key>} and decides whether the caller may touch a federation's
 * data. A federation key never reaches another federation (403); HQ keys reach all, and every use of
 * federation data is written to that federation's audit log.
 */
public final class Access {
    /** Verified keys are remembered this long per container: a revocation takes effect within it. */
    static final Duration KEY_CACHE = Duration.ofSeconds(30);

    private final ApiKeys keys;
    private final FederationRegistry federations;
    private final AuditLog audit;
    private final Clock clock;
    private final KeyedHash hash;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Caller caller, Instant until) {
    }

    public Access(ApiKeys keys, FederationRegistry federations, AuditLog audit, KeyedHash hash, Clock clock) {
        this.keys = keys;
        this.hash = hash;
        this.federations = federations;
        this.audit = audit;
        this.clock = clock;
    }

    public Caller authenticate(HttpRequest request) {
        String header = request.header("authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("An API key is required: Authorization: Bearer <key>.");
        }
        String bearer = header.substring(7).trim();
        Instant now = clock.instant();
        Cached cached = cache.get(bearer);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.caller();
        }
        Caller caller = keys.verify(bearer)
                .map(k -> new Caller(k.keyId(), k.scope()))
                .orElseThrow(() -> ApiException.unauthorized("This API key is not valid or has been revoked."));
        if (cache.size() > 1000) {
            cache.clear();
        }
        cache.put(bearer, new Cached(caller, now.plus(KEY_CACHE)));
        return caller;
    }

    public Caller requireHq(HttpRequest request) {
        Caller caller = authenticate(request);
        if (!caller.isHq()) {
            throw ApiException.forbidden("This action is reserved to headquarters.");
        }
        return caller;
    }

    /**
     * The federation named in the path, after checking the caller may act for it. Unknown federation → 404
     * (checked after authentication, so the 404 does not reveal anything to anonymous callers).
     */
    public Federation federation(HttpRequest request, Caller caller) {
        String id = request.pathParam("fed");
        Federation federation = federations.require(id);
        if (!caller.isHq() && !caller.scope().equals(federation.id())) {
            throw ApiException.forbidden("This key belongs to another federation.");
        }
        return federation;
    }

    /**
     * Records an access to a federation's data (every HQ access, and every read of personal data). The contact
     * is recorded as a keyed hash of its id: the log survives an erasure without keeping the person's id.
     */
    public void audit(Federation federation, Caller caller, HttpRequest request, String contactId) {
        audit.record(new AuditEntry(federation.id(), clock.instant(), caller.keyId(), caller.role(),
                request.routeKey(), targetOf(contactId), request.requestId()));
    }

    /** How a contact id appears in the audit log; HQ hashes an id the same way to look it up. */
    public String targetOf(String contactId) {
        return contactId == null ? null : hash.of("audit-target", contactId);
    }
}
