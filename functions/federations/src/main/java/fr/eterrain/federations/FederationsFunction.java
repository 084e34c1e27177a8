package fr.eterrain.federations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.Caller;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.contacts.Links;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.store.dynamo.DynamoFederationRegistry;
import fr.eterrain.core.validation.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public registry, HQ's edits of origins and brand, each federation's embeddable signup form, and the API's
 * OpenAPI document.
 */
public final class FederationsFunction extends HttpFunction {
    private final DynamoFederationRegistry federations;
    private final Access access;
    private final Links links;
    private final fr.eterrain.core.contacts.SignupForms forms;

    public FederationsFunction() {
        this(Settings.fromEnvironment());
    }

    public FederationsFunction(Settings settings) {
        this(new Platform(settings));
    }

    FederationsFunction(Platform platform) {
        this.federations = platform.federations();
        this.access = platform.access();
        this.links = fr.eterrain.core.contacts.Links.unsigned(platform.settings().publicBaseUrl());
        this.forms = platform.signupForms();
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        return switch (request.routeKey()) {
            case "GET /v1/federations" -> {
                ObjectNode body = Json.object();
                ArrayNode items = body.putArray("federations");
                federations.all().forEach(f -> items.add(publicView(f)));
                yield HttpResponse.json(200, body);
            }
            case "GET /v1/federations/{fed}" -> HttpResponse.json(200, publicView(federations.require(request.pathParam("fed"))));
            case "PATCH /v1/federations/{fed}" -> patch(request);
            case "GET /v1/federations/{fed}/signup-form" -> {
                Federation federation = federations.require(request.pathParam("fed"));
                yield HttpResponse.text(200, "text/html; charset=utf-8", SignupForm.html(federation, links, forms.token(federation.id())));
            }
            case "GET /v1/openapi.json" -> ApiDocument.response();
            default -> throw ApiException.notFound("No such route.");
        };
    }

    private ObjectNode publicView(Federation f) {
        ObjectNode node = Json.object();
        node.put("id", f.id());
        node.put("name", f.name());
        node.put("displayName", f.displayName());
        node.put("senderAddress", f.senderAddress());
        node.put("signupUrl", links.signups(f.id()));
        node.put("signupFormUrl", links.baseUrl() + "/v1/federations/" + f.id() + "/signup-form");
        return node;
    }

    private HttpResponse patch(HttpRequest request) {
        Caller caller = access.requireHq(request);
        Federation current = federations.require(request.pathParam("fed"));
        JsonNode body = request.jsonBody();
        Schemas.validate("federation-patch", body);
        List<String> origins = current.allowedOrigins();
        if (body.has("allowedOrigins")) {
            origins = new ArrayList<>();
            for (JsonNode o : body.get("allowedOrigins")) {
                origins.add(o.asText());
            }
        }
        Map<String, String> brand = new LinkedHashMap<>(current.brandOverrides());
        body.path("brand").fields().forEachRemaining(e -> brand.put(e.getKey(), e.getValue().asText()));
        Federation updated = new Federation(current.id(), current.name(), current.senderAddress(), List.copyOf(origins), Map.copyOf(brand));
        federations.save(updated);
        access.audit(updated, caller, request, null);
        ObjectNode view = publicView(updated);
        ArrayNode originNodes = view.putArray("allowedOrigins");
        updated.allowedOrigins().forEach(originNodes::add);
        ObjectNode brandNode = view.putObject("brand");
        updated.brandOverrides().forEach(brandNode::put);
        return HttpResponse.json(200, view);
    }
}
