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
 * API keys: HQ issues keys for a federation or for HQ; a federation may list and revoke its own. The secret is
 * shown once at creation; only its hash is stored.
 */
public final class ApiKeysFunction extends HttpFunction {
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
        ApiKeys.IssuedKey issued = keys.issue(scope, body.get("label").asText(), caller.keyId());
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
