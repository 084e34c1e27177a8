package fr.eterrain.newsletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.Caller;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.ActiveSends;
import fr.eterrain.core.newsletters.AudienceCounts;
import fr.eterrain.core.newsletters.FairShareLimiter;
import fr.eterrain.core.newsletters.Newsletter;
import fr.eterrain.core.newsletters.NewsletterService;
import fr.eterrain.core.newsletters.NewsletterViews;
import fr.eterrain.core.newsletters.Reputation;
import fr.eterrain.core.newsletters.Segment;
import fr.eterrain.core.validation.Schemas;
import java.time.Instant;
import java.util.List;

/**
 * The newsletter API of a federation: drafts, preview, audience count, test send, the suggested send time, send,
 * progress, cancel.
 */
public final class NewslettersFunction extends HttpFunction {
    private static final String BASE = "/v1/federations/{fed}";

    private final Access access;
    private final NewsletterService service;
    private final ActiveSends active;
    private final Reputation reputation;
    private final int ratePerSecond;
    private final BlackoutRoutes blackoutRoutes;
    private final AudienceCounts audience;
    private final SendTimeRoute sendTime;
    private final fr.eterrain.core.stats.FederationSummary summary;

    public NewslettersFunction() {
        this(Settings.fromEnvironment());
    }

    public NewslettersFunction(Settings settings) {
        this(new Platform(settings));
    }

    NewslettersFunction(Platform platform) {
        this.access = platform.access();
        this.service = platform.newsletterService();
        this.active = platform.activeSends();
        this.reputation = platform.reputation();
        this.ratePerSecond = platform.dispatchSettings().ratePerSecond();
        this.blackoutRoutes = new BlackoutRoutes(platform.access(), platform.blackouts());
        this.audience = platform.audienceCounts();
        this.sendTime = new SendTimeRoute(platform.statistics(), platform.blackouts(), platform.clock());
        this.summary = new fr.eterrain.core.stats.FederationSummary(platform.contacts(), platform.newsletters(),
                platform.reputation(), platform.clock());
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        if (request.routeKey().contains("/v1/blackouts")) {
            return blackoutRoutes.handle(request);
        }
        Caller caller = access.authenticate(request);
        Federation federation = access.federation(request, caller);
        String id = request.pathParam("id");
        HttpResponse response = switch (request.routeKey()) {
            case "POST " + BASE + "/newsletters" -> {
                JsonNode body = draft(request);
                yield HttpResponse.json(201, view(service.create(federation, body)));
            }
            case "GET " + BASE + "/newsletters" -> list(federation);
            // The console's home: counts of contacts and what needs attention (no personal data).
            case "GET " + BASE + "/summary" -> HttpResponse.json(200, summary.of(federation.id()));
            case "GET " + BASE + "/newsletters/{id}" -> HttpResponse.json(200, view(service.get(federation, id)));
            case "PATCH " + BASE + "/newsletters/{id}" -> HttpResponse.json(200, view(service.update(federation, id, draft(request))));
            case "GET " + BASE + "/newsletters/{id}/preview" -> HttpResponse.html(200, service.previewHtml(federation, id));
            case "GET " + BASE + "/newsletters/{id}/audience" -> {
                ObjectNode body = Json.object();
                body.put("count", audience.count(federation, service.get(federation, id).getSegment()));
                yield HttpResponse.json(200, body);
            }
            case "POST " + BASE + "/audience" -> {
                JsonNode body = request.jsonBody();
                Schemas.validate("newsletter-draft", withPlaceholders(body));
                ObjectNode answer = Json.object();
                answer.put("count", audience.count(federation, Segment.fromJson(body.get("segment"))));
                yield HttpResponse.json(200, answer);
            }
            case "POST " + BASE + "/newsletters/{id}/test" -> {
                JsonNode body = request.jsonBody();
                Schemas.validate("newsletter-test", body);
                NewsletterService.TestSend sent = service.testSend(federation, id, body.get("addresses"));
                ObjectNode answer = Json.object();
                answer.put("sent", sent.sent());
                // Addresses that bounced, complained or were erased are never mailed, not even a test.
                answer.put("skipped", sent.skipped());
                yield HttpResponse.json(200, answer);
            }
            case "POST " + BASE + "/newsletters/{id}/send" -> {
                Instant at = SendTime.parse(request);
                yield HttpResponse.json(202, view(service.send(federation, id, at)));
            }
            case "POST " + BASE + "/newsletters/{id}/cancel" -> HttpResponse.json(200, view(service.cancel(federation, id)));
            case "GET " + BASE + "/send-time" -> HttpResponse.json(200, sendTime.advice(federation));
            case "POST " + BASE + "/sending/resume" -> {
                access.requireHq(request);
                reputation.resume(federation.id());
                yield HttpResponse.noContent();
            }
            default -> throw ApiException.notFound("No such route.");
        };
        if (caller.isHq()) {
            access.audit(federation, caller, request, null);
        }
        return response;
    }

    private static JsonNode draft(HttpRequest request) {
        JsonNode body = request.jsonBody();
        // Before the schema, whose refusal of an http link would name the whole block, not its field.
        fr.eterrain.core.newsletters.Blocks.requireHttps(body.path("blocks"));
        Schemas.validate("newsletter-draft", body);
        return body;
    }

    /** The audience endpoint takes only a segment; the draft schema checks it once given a placeholder draft. */
    private static JsonNode withPlaceholders(JsonNode body) {
        if (!body.isObject() || body.size() != 1 || !body.has("segment")) {
            throw ApiException.badRequest("invalid_body", "Send {\"segment\": {…}} only.", null);
        }
        ObjectNode draft = Json.object();
        draft.put("subject", "x");
        draft.putArray("blocks").addObject().put("type", "heading").put("text", "x");
        draft.set("segment", body.get("segment"));
        return draft;
    }

    private ObjectNode view(Newsletter nl) {
        return NewsletterViews.newsletter(nl, FairShareLimiter.share(ratePerSecond, Math.max(1, active.federationsSending())));
    }

    private HttpResponse list(Federation federation) {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("newsletters");
        List<Newsletter> all = service.list(federation, 100);
        all.forEach(nl -> items.add(view(nl)));
        return HttpResponse.json(200, body);
    }
}
