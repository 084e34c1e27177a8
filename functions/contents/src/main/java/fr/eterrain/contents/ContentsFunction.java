package fr.eterrain.contents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.Caller;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.content.Content;
import fr.eterrain.core.content.ContentLibrary;
import fr.eterrain.core.content.ContentLinks;
import fr.eterrain.core.content.ContentPages;
import fr.eterrain.core.content.ContentPage;
import fr.eterrain.core.content.ContentRef;
import fr.eterrain.core.content.ContentStore;
import fr.eterrain.core.content.ContentSubmissions;
import fr.eterrain.core.content.ContentViews;
import fr.eterrain.core.content.Decision;
import fr.eterrain.core.content.Engagements;
import fr.eterrain.core.content.Moderation;
import fr.eterrain.core.content.NewContent;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.selection.Cadence;
import fr.eterrain.core.selection.Selection;
import fr.eterrain.core.selection.SelectionPeriod;
import fr.eterrain.core.selection.SelectionViews;
import fr.eterrain.core.selection.Selections;
import fr.eterrain.core.storage.ObjectStorage;
import fr.eterrain.core.validation.Schemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The content library API: a federation submits, lists and moderates its contents and records engagement;
 * every key reads the approved library and the national selections; a public, stable thumbnail link serves
 * newsletters. Federation routes are scoped to {fed} and audited like the contacts API.
 */
public final class ContentsFunction extends HttpFunction {
    private static final String FED = "/v1/federations/{fed}";

    private final Access access;
    private final FederationRegistry federations;
    private final ContentSubmissions submissions;
    private final ContentStore store;
    private final ContentLibrary library;
    private final Moderation moderation;
    private final Engagements engagements;
    private final Selections selections;
    private final ContentLinks links;
    private final ContentViews views;

    public ContentsFunction() {
        this(Settings.fromEnvironment());
    }

    public ContentsFunction(Settings settings) {
        this(new Platform(settings));
    }

    ContentsFunction(Platform p) {
        this(p.access(), p.federations(), p.contentSubmissions(), p.contentStore(), p.contentLibrary(), p.moderation(),
                p.engagements(), p.selections(), p.contentLinks());
    }

    ContentsFunction(Access access, FederationRegistry federations, ContentSubmissions submissions, ContentStore store,
                     ContentLibrary library, Moderation moderation, Engagements engagements, Selections selections,
                     ContentLinks links) {
        this.access = access;
        this.federations = federations;
        this.submissions = submissions;
        this.store = store;
        this.library = library;
        this.moderation = moderation;
        this.engagements = engagements;
        this.selections = selections;
        this.links = links;
        this.views = new ContentViews(links);
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        if (request.routeKey().equals("GET /v1/contents/{fed}/{id}/thumbnail")) {
            return thumbnail(request);
        }
        if (request.routeKey().equals("GET /v1/contents/{fed}/{id}/page")) {
            return page(request);
        }
        Caller caller = access.authenticate(request);
        if (request.routeKey().equals("POST /v1/contents/{fed}/{id}/decisions")) {
            return decideNationally(request, caller);
        }
        if (request.routeKey().equals("GET /v1/contents/review")) {
            return review(request, caller);
        }
        if (!request.routeKey().contains(FED)) {
            return shared(request);
        }
        Federation federation = access.federation(request, caller);
        String id = request.pathParam("id");
        HttpResponse response = switch (request.routeKey()) {
            case "POST " + FED + "/contents" -> create(request, federation);
            case "GET " + FED + "/contents" -> list(request, federation);
            case "GET " + FED + "/contents/{id}" -> owner(submissions.require(federation.id(), id));
            case "POST " + FED + "/contents/{id}/upload/complete" -> complete(request, federation, id);
            case "POST " + FED + "/contents/{id}/decisions" -> decide(request, caller, federation, id);
            case "POST " + FED + "/engagements" -> engage(request, federation);
            default -> throw ApiException.notFound("No such route.");
        };
        // Only after success: a refused call touched nothing.
        access.audit(federation, caller, request, null);
        return response;
    }

    /** Routes every key may call: the approved library and the selections. */
    private HttpResponse shared(HttpRequest request) {
        return switch (request.routeKey()) {
            case "GET /v1/contents" -> libraryList(request);
            case "GET /v1/contents/{fed}/{id}" -> HttpResponse.json(200, views.library(approved(request), true));
            case "GET /v1/selections/latest" -> selection(selections.latest(cadence(request)).orElseThrow(
                    () -> ApiException.notFound("No selection yet.")));
            case "GET /v1/selections/{period}" -> selection(SelectionPeriod.parse(request.pathParam("period"))
                    .flatMap(p -> selections.find(p.label()))
                    .orElseThrow(() -> ApiException.notFound("No selection for this period (2026-W48 or 2026-11).")));
            default -> throw ApiException.notFound("No such route.");
        };
    }

    private HttpResponse create(HttpRequest request, Federation federation) {
        JsonNode body = request.jsonBody();
        Schemas.validate("content-create", body);
        ContentSubmissions.Created created = submissions.create(federation.id(), NewContent.fromJson(body));
        ObjectNode answer = Json.object();
        answer.set("content", views.owner(created.content(), List.of()));
        answer.set("upload", ContentViews.upload(created.upload()));
        return HttpResponse.json(201, answer)
                .withHeader("location", "/v1/federations/" + federation.id() + "/contents/" + created.content().id());
    }

    private HttpResponse list(HttpRequest request, Federation federation) {
        ContentPage page = page(() -> store.list(federation.id(), Query.status(request), Query.kind(request),
                request.queryParam("cursor"), Query.limit(request)));
        return contents(page, c -> views.owner(c, null));
    }

    private HttpResponse complete(HttpRequest request, Federation federation, String id) {
        JsonNode body = request.jsonBody();
        Schemas.validate("content-upload-complete", body);
        List<ObjectStorage.Part> parts = new ArrayList<>();
        body.get("parts").forEach(p -> parts.add(new ObjectStorage.Part(p.get("partNumber").asInt(), p.get("etag").asText())));
        Content content = submissions.completeUpload(federation.id(), id, parts);
        return HttpResponse.json(202, views.owner(content, null));
    }

    private HttpResponse decide(HttpRequest request, Caller caller, Federation federation, String id) {
        JsonNode body = request.jsonBody();
        Schemas.validate("content-decision", body);
        submissions.require(federation.id(), id);
        Content decided = moderation.decide(caller, federation.id(), id,
                Decision.Verdict.parse(body.get("decision").asText()).orElseThrow(), Json.text(body, "reason"));
        return owner(decided);
    }

    /** HQ's decision on the national library ({@code library:moderate}); audited in the content's federation. */
    private HttpResponse decideNationally(HttpRequest request, Caller caller) {
        if (!Moderation.mayModerateLibrary(caller)) {
            throw ApiException.forbidden("Only HQ approves contents for the national library (library:moderate).");
        }
        Federation federation = federations.require(request.pathParam("fed"));
        String id = request.pathParam("id");
        JsonNode body = request.jsonBody();
        Schemas.validate("content-decision", body);
        submissions.require(federation.id(), id);
        Content decided = moderation.decideNationally(caller, federation.id(), id,
                Decision.Verdict.parse(body.get("decision").asText()).orElseThrow(), Json.text(body, "reason"));
        HttpResponse response = owner(decided);
        access.audit(federation, caller, request, null);
        return response;
    }

    /** HQ's queue: what federations approved for themselves, awaiting the national decision, oldest first. */
    private HttpResponse review(HttpRequest request, Caller caller) {
        if (!Moderation.mayModerateLibrary(caller)) {
            throw ApiException.forbidden("Only HQ reviews contents for the national library (library:moderate).");
        }
        ContentPage page = page(() -> library.awaitingReview(request.queryParam("cursor"), Query.limit(request)));
        return contents(page, views::review);
    }

    private HttpResponse engage(HttpRequest request, Federation federation) {
        JsonNode body = request.jsonBody();
        Schemas.validate("content-engagement", body);
        ContentRef ref = new ContentRef(body.at("/content/federation").asText(), body.at("/content/id").asText());
        federations.require(ref.federation());
        ObjectNode answer = Json.object();
        boolean counted;
        if (body.get("type").asText().equals("relay")) {
            counted = engagements.relay(ref, federation.id());
            answer.put("counted", counted);
            if (!counted) {
                answer.put("reason", "already_counted");
            }
        } else {
            Engagements.Like like = engagements.like(ref, federation.id(), body.get("person").asText());
            counted = like.counted();
            answer.put("counted", counted);
            if (!counted) {
                // Each person once; at most Engagements.LIKES_PER_FEDERATION likes of one federation per content.
                answer.put("reason", like == Engagements.Like.ALREADY_COUNTED ? "already_counted" : "federation_limit");
            }
        }
        library.find(ref).ifPresent(c -> answer.set("content", views.library(c, false)));
        return HttpResponse.json(counted ? 201 : 200, answer);
    }

    private HttpResponse libraryList(HttpRequest request) {
        Query.Range range = Query.range(request);
        ContentLibrary.Filter filter = new ContentLibrary.Filter(Query.kind(request), Query.federation(request),
                Query.tag(request), range.since(), range.until());
        ContentPage page = page(() -> library.approved(filter, request.queryParam("cursor"), Query.limit(request)));
        return contents(page, c -> views.library(c, false));
    }

    private Content approved(HttpRequest request) {
        Federation federation = federations.require(request.pathParam("fed"));
        String id = request.pathParam("id");
        return (id != null && id.matches("k[A-Za-z0-9]{16}") ? library.find(new ContentRef(federation.id(), id))
                : Optional.<Content>empty())
                .orElseThrow(() -> ApiException.notFound("No approved content with this id."));
    }

    /**
     * A content its federation published (approved, whether or not it is in the national library), read from the
     * federation's table: what the public links (page, thumbnail) show. Never the proposer.
     */
    private Optional<Content> published(HttpRequest request) {
        String id = request.pathParam("id");
        return federations.find(request.pathParam("fed"))
                .filter(f -> id != null && id.matches("k[A-Za-z0-9]{16}"))
                .flatMap(f -> store.find(f.id(), id))
                .filter(c -> c.status() == fr.eterrain.core.content.ContentStatus.APPROVED);
    }

    /** The public page of a published content, for anyone holding the link (newsletters, the national selection). */
    private HttpResponse page(HttpRequest request) {
        return published(request)
                .map(c -> ContentPages.page(c, federations.require(c.federation()), links))
                .orElseGet(ContentPages::notFound);
    }

    /** 302 to a fresh presigned URL: newsletters keep a stable link, the bucket stays private. */
    private HttpResponse thumbnail(HttpRequest request) {
        federations.require(request.pathParam("fed"));
        Content content = published(request).orElseThrow(() -> ApiException.notFound("No approved content with this id."));
        if (content.thumbnailKey() == null) {
            throw ApiException.notFound("This content has no thumbnail.");
        }
        HttpResponse redirect = HttpResponse.seeOther(links.thumbnailNow(content));
        // Cached less long than the presigned URL lives.
        return new HttpResponse(302, redirect.headers(), "").withHeader("cache-control", "public, max-age=300");
    }

    private HttpResponse owner(Content content) {
        return HttpResponse.json(200, views.owner(content, store.decisions(content.federation(), content.id())));
    }

    private HttpResponse selection(Selection selection) {
        return HttpResponse.json(200, SelectionViews.selection(selection, links));
    }

    private static Cadence cadence(HttpRequest request) {
        String value = request.queryParam("cadence");
        return value == null ? null : Cadence.parse(value).orElseThrow(() -> ApiException.badRequest("invalid_cadence",
                "cadence must be weekly or monthly.", "cadence"));
    }

    private static ContentPage page(Supplier<ContentPage> query) {
        try {
            return query.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_cursor", "This cursor is not one we issued.", "cursor");
        }
    }

    private static HttpResponse contents(ContentPage page, Function<Content, ObjectNode> view) {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("contents");
        page.items().forEach(c -> items.add(view.apply(c)));
        body.put("nextCursor", page.nextCursor());
        return HttpResponse.json(200, body);
    }
}
