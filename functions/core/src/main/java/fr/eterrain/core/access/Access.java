package fr.eterrain.core.access;

import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.people.Session;
import fr.eterrain.core.people.SessionCookie;
import fr.eterrain.core.people.Sessions;
import fr.eterrain.core.security.KeyedHash;
import fr.eterrain.core.wiring.Wiring;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is calling and whether they may: resolves the caller from {@code Authorization: Bearer <key>} or from the
 * session cookie, checks the CSRF defence of cookie requests that change state, and the permission the wiring
 * table names for the route (401 without a valid key or session, 403 without the permission). {@link #federation}
 * then checks the federation of the path: a caller acts for their own federation only, HQ for any. Every use of
 * federation data by HQ and every read of personal data is written to that federation's audit log.
 */
public final class Access {
    /** Verified keys are remembered this long per container: a revocation takes effect within it. */
    static final Duration KEY_CACHE = Duration.ofSeconds(30);

    private final ApiKeys keys;
    private final FederationRegistry federations;
    private final AuditLog audit;
    private final Clock clock;
    private final KeyedHash hash;
    private final Roles roles;
    private final Map<String, String> permissionByRoute = new HashMap<>();
    private final Sessions sessions;
    private final SessionCookie cookie;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Caller caller, Instant until) {
    }

    /** Keys only (no sessions): what the function tests of the key era build. */
    public Access(ApiKeys keys, FederationRegistry federations, AuditLog audit, KeyedHash hash, Clock clock) {
        this(keys, federations, audit, hash, clock, Wiring.load(), null, null);
    }

    public Access(ApiKeys keys, FederationRegistry federations, AuditLog audit, KeyedHash hash, Clock clock,
                  Wiring wiring, Sessions sessions, SessionCookie cookie) {
        this.keys = keys;
        this.hash = hash;
        this.federations = federations;
        this.audit = audit;
        this.clock = clock;
        this.roles = new Roles(wiring.access());
        wiring.routes().forEach(r -> permissionByRoute.put(r.routeKey(), r.permission()));
        this.sessions = sessions;
        this.cookie = cookie;
    }

    public Roles roles() {
        return roles;
    }

    /**
     * The caller, once they hold the route's permission. A route the wiring table does not know (a handler's own
     * test) needs only a valid caller.
     */
    public Caller authenticate(HttpRequest request) {
        Caller caller = identify(request);
        String permission = permissionByRoute.get(request.routeKey());
        if (permission != null && !permission.equals(Roles.PUBLIC) && !caller.has(permission)) {
            throw ApiException.forbidden(caller.isPerson()
                    ? "Your role does not allow this (" + permission + ")."
                    : "This API key does not carry the permission " + permission + ".");
        }
        return caller;
    }

    /** Who calls, without any permission check: a key, else a session; 401 when neither is valid. */
    public Caller identify(HttpRequest request) {
        String header = request.header("authorization");
        if (header != null || sessions == null) {
            return keyCaller(header);
        }
        String token = cookie.read(request);
        if (token == null) {
            throw ApiException.unauthorized("Sign in, or send an API key: Authorization: Bearer <key>.");
        }
        Session session = sessions.check(token).orElseThrow(
                () -> ApiException.unauthorized("Your session has ended: sign in again."));
        if (!Set.of("GET", "HEAD", "OPTIONS").contains(request.method()) && !cookie.sameSite(request)) {
            throw new ApiException(403, "csrf", "This request must come from the console itself (header "
                    + "X-Eterrain-Request: 1, from the site's own origin).");
        }
        return personCaller(session);
    }

    /** The caller a session stands for. */
    public Caller personCaller(Session session) {
        Set<String> permissions = roles.isRole(session.role()) ? roles.permissionsOf(session.role(), session.send()) : Set.of();
        return new Caller(Caller.Kind.PERSON, session.personId(), session.role(), session.home(), permissions,
                session.displayName(), session.tokenHash());
    }

    private Caller keyCaller(String header) {
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
                .map(k -> Caller.key(k.keyId(), k.scope(), roles.keyPermissions(k)))
                .orElseThrow(() -> ApiException.unauthorized("This API key is not valid, has expired or has been revoked."));
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
        if (!mayActFor(caller, federation.id())) {
            throw ApiException.forbidden(caller.isPerson() ? "You belong to another federation."
                    : "This key belongs to another federation.");
        }
        return federation;
    }

    /** Own federation, or any for HQ. */
    public static boolean mayActFor(Caller caller, String federationOrHq) {
        return caller.isHq() || caller.home().equals(federationOrHq);
    }

    /**
     * Records an access to a federation's data (every HQ access, and every read of personal data). The contact
     * is recorded as a keyed hash of its id: the log survives an erasure without keeping the person's id.
     */
    public void audit(Federation federation, Caller caller, HttpRequest request, String contactId) {
        audit.record(AuditEntry.of(federation.id(), clock.instant(), caller, request.routeKey(), targetOf(contactId),
                request.requestId()));
    }

    /** How a contact id appears in the audit log; HQ hashes an id the same way to look it up. */
    public String targetOf(String contactId) {
        return contactId == null ? null : hash.of("audit-target", contactId);
    }
}
