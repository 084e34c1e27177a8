package fr.eterrain.apikeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.ApiKey;
import fr.eterrain.core.access.ApiKeys;
import fr.eterrain.core.access.Caller;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.log.Log;
import fr.eterrain.core.validation.Schemas;
import java.time.Clock;

/**
 * API keys. Per federation ({@code /v1/federations/{fed}/api-keys}, {@code {fed}} = HQ for HQ's keys): a
 * coordinator issues, lists and revokes their federation's keys, HQ any; a key carries scopes (permissions), a label,
 * an expiry (one year by default) and who issued it. The older {@code /v1/api-keys} routes stay: HQ issues keys of
 * the legacy kind, a federation lists and revokes its own. The secret is shown once; only its hash is stored.
 */
public final class ApiKeysFunction extends HttpFunction {
    private static final String FED_KEYS = "/v1/federations/{fed}/api-keys";
    static final java.time.Duration DEFAULT_VALIDITY = java.time.Duration.ofDays(365);
    static final java.time.Duration MAX_VALIDITY = java.time.Duration.ofDays(731);

    private final Access access;
    private final ApiKeys keys;
    private final FederationRegistry federations;
    private final Clock clock;

    public ApiKeysFunction() {
        this(Settings.fromEnvironment());
    }

    public ApiKeysFunction(Settings settings) {
        this(new Platform(settings));
    }

    ApiKeysFunction(Platform platform) {
        this.access = platform.access();
        this.keys = platform.apiKeys();
        this.federations = platform.federations();
        this.clock = platform.clock();
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        return switch (request.routeKey()) {
            case "POST /v1/api-keys" -> issue(request);
            case "GET /v1/api-keys" -> list(request);
            case "DELETE /v1/api-keys/{keyId}" -> revoke(request);
            case "GET " + FED_KEYS -> listOf(request);
            case "POST " + FED_KEYS -> issueFor(request);
            case "DELETE " + FED_KEYS + "/{keyId}" -> revokeOf(request);
            default -> throw ApiException.notFound("No such route.");
        };
    }

    private HttpResponse issue(HttpRequest request) {
        Caller caller = access.requireHq(request);
        JsonNode body = request.jsonBody();
        Schemas.validate("api-key-request", body);
        String scope = body.get("scope").asText();
        if (!scope.equals(Caller.HQ)) {
            federations.require(scope);
        }
        ApiKeys.IssuedKey issued = keys.issue(scope, body.get("label").asText(), caller.actor());
        Log.of("ApiKeysFunction").info("api key issued", "keyId", issued.keyId(), "scope", scope, "by", caller.keyId());
        ObjectNode answer = Json.object();
        answer.put("keyId", issued.keyId());
        answer.put("scope", scope);
        answer.put("key", issued.secret());
        answer.put("note", "Store this key now: it is shown only once.");
        return HttpResponse.json(201, answer);
    }

    private HttpResponse list(HttpRequest request) {
        Caller caller = access.authenticate(request);
        String scope = request.queryParam("scope");
        if (scope == null) {
            scope = caller.scope();
        }
        if (!caller.isHq() && !scope.equals(caller.scope())) {
            throw ApiException.forbidden("This key belongs to another federation.");
        }
        if (!scope.equals(Caller.HQ)) {
            federations.require(scope); // an unknown scope is a 404, never a query with an arbitrary key
        }
        ObjectNode answer = Json.object();
        ArrayNode items = answer.putArray("keys");
        for (ApiKey k : keys.store().listByScope(scope)) {
            ObjectNode item = items.addObject();
            item.put("keyId", k.keyId());
            item.put("scope", k.scope());
            item.put("label", k.label());
            item.put("createdAt", k.createdAt().toString());
            item.put("revokedAt", k.revokedAt() == null ? null : k.revokedAt().toString());
        }
        return HttpResponse.json(200, answer);
    }

    /** The path's owner of keys: HQ (HQ callers only), or a federation the caller may act for. */
    private String owner(HttpRequest request, Caller caller) {
        String fed = request.pathParam("fed");
        if (Caller.HQ.equals(fed)) {
            if (!caller.isHq()) {
                throw ApiException.forbidden("HQ's own keys are managed by HQ.");
            }
            return Caller.HQ;
        }
        return access.federation(request, caller).id();
    }

    private HttpResponse issueFor(HttpRequest request) {
        Caller caller = access.authenticate(request);
        String owner = owner(request, caller);
        JsonNode body = request.jsonBody();
        Schemas.validate("api-key-issue", body);
        java.util.List<String> scopes = new java.util.ArrayList<>();
        for (JsonNode scope : body.get("scopes")) {
            String permission = scope.asText();
            if (!access.roles().keyMayCarry(owner, permission)) {
                throw ApiException.badRequest("invalid_scope", "A " + (Caller.HQ.equals(owner) ? "HQ" : "federation")
                        + " key cannot carry '" + permission.replaceAll("[^a-z:-]", "?") + "'; one of "
                        + String.join(", ", access.roles().matrix().keyScopes()) + ".", "scopes");
            }
            if (!caller.has(permission)) {
                throw ApiException.forbidden("You cannot give a key a permission you do not hold (" + permission + ").");
            }
            scopes.add(permission);
        }
        java.time.Instant now = clock.instant();
        java.time.Instant expires = now.plus(DEFAULT_VALIDITY);
        if (body.hasNonNull("expiresAt")) {
            try {
                expires = java.time.OffsetDateTime.parse(body.get("expiresAt").asText()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw ApiException.badRequest("invalid_expiry", "expiresAt is a date-time like 2027-06-01T00:00:00Z.", "expiresAt");
            }
            if (!expires.isAfter(now) || expires.isAfter(now.plus(MAX_VALIDITY))) {
                throw ApiException.badRequest("invalid_expiry", "A key expires in the future, within two years.", "expiresAt");
            }
        }
        ApiKeys.Issued issued = keys.issue(owner, body.get("label").asText(), caller.actor(), scopes, expires);
        Log.of("ApiKeysFunction").info("api key issued", "keyId", issued.key().keyId(), "scope", owner, "by", caller.actor());
        ObjectNode answer = view(issued.key());
        answer.put("key", issued.issued().secret());
        answer.put("note", "Store this key now: it is shown only once.");
        audit(owner, caller, request);
        return HttpResponse.json(201, answer);
    }

    private HttpResponse listOf(HttpRequest request) {
        Caller caller = access.authenticate(request);
        String owner = owner(request, caller);
        ObjectNode answer = Json.object();
        ArrayNode items = answer.putArray("items");
        keys.store().listByScope(owner).forEach(k -> items.add(view(k)));
        return HttpResponse.json(200, answer);
    }

    private HttpResponse revokeOf(HttpRequest request) {
        Caller caller = access.authenticate(request);
        String owner = owner(request, caller);
        String keyId = request.pathParam("keyId");
        ApiKey key = keyId == null ? null : keys.store().find(keyId).orElse(null);
        if (key == null || !key.scope().equals(owner)) {
            throw ApiException.notFound("No such API key.");
        }
        keys.store().revoke(keyId, clock.instant());
        Log.of("ApiKeysFunction").info("api key revoked", "keyId", keyId, "by", caller.actor());
        audit(owner, caller, request);
        return HttpResponse.noContent();
    }

    private void audit(String owner, Caller caller, HttpRequest request) {
        if (!Caller.HQ.equals(owner)) {
            access.audit(federations.require(owner), caller, request, null);
        }
    }

    private ObjectNode view(ApiKey k) {
        ObjectNode item = Json.object();
        item.put("keyId", k.keyId());
        item.put("scope", k.scope());
        item.put("label", k.label());
        ArrayNode scopes = item.putArray("scopes");
        access.roles().keyPermissions(k).stream().sorted().forEach(scopes::add);
        item.put("legacy", k.scopes().isEmpty());
        item.put("createdBy", k.createdBy());
        item.put("createdAt", k.createdAt().toString());
        item.put("expiresAt", k.expiresAt() == null ? null : k.expiresAt().toString());
        item.put("revokedAt", k.revokedAt() == null ? null : k.revokedAt().toString());
        return item;
    }

    private HttpResponse revoke(HttpRequest request) {
        Caller caller = access.authenticate(request);
        String keyId = request.pathParam("keyId");
        ApiKey key = (keyId == null ? null : keys.store().find(keyId).orElse(null));
        // Another federation's key is answered like an unknown one: ids are not confirmed across federations.
        if (key == null || (!caller.isHq() && !key.scope().equals(caller.scope()))) {
            throw ApiException.notFound("No such API key.");
        }
        keys.store().revoke(keyId, clock.instant());
        Log.of("ApiKeysFunction").info("api key revoked", "keyId", keyId, "by", caller.keyId());
        return HttpResponse.noContent();
    }
}
