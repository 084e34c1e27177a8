package fr.eterrain.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.AuditLog;
import fr.eterrain.core.access.Caller;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.contacts.ContactAdmin;
import fr.eterrain.core.contacts.ContactImport;
import fr.eterrain.core.contacts.ContactPage;
import fr.eterrain.core.contacts.ContactViews;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.newsletters.Newsletter;
import fr.eterrain.core.newsletters.NewsletterStore;
import java.util.List;
import java.util.Map;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.tracking.TrackingHistory;
import fr.eterrain.core.validation.Schemas;

/** The federation contacts API. Every call is authenticated, scoped to one federation and audited. */
public final class ContactsFunction extends HttpFunction {
    static final int MAX_IMPORT_BYTES = 2 * 1024 * 1024;
    private static final String BASE = "/v1/federations/{fed}";

    private final Access access;
    private final ContactAdmin admin;
    private final ContactImport importer;
    private final AuditLog audit;
    private final TrackingHistory tracking;
    private final NewsletterStore newsletters;

    public ContactsFunction() {
        this(Settings.fromEnvironment());
    }

    public ContactsFunction(Settings settings) {
        this(new Platform(settings));
    }

    ContactsFunction(Platform platform) {
        this(platform.access(), platform.contactAdmin(), platform.contactImport(), platform.audit(), platform.trackingHistory(),
                platform.newsletters());
    }

    ContactsFunction(Access access, ContactAdmin admin, ContactImport importer, AuditLog audit, TrackingHistory tracking,
                     NewsletterStore newsletters) {
        this.newsletters = newsletters;
        this.access = access;
        this.admin = admin;
        this.importer = importer;
        this.audit = audit;
        this.tracking = tracking;
    }

    @Override
    protected int maxBodyBytes(HttpRequest request) {
        return request.routeKey().endsWith("/contacts/import") ? MAX_IMPORT_BYTES : MAX_BODY_BYTES;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        Caller caller = access.authenticate(request);
        Federation federation = access.federation(request, caller);
        String contactId = request.pathParam("id");
        HttpResponse response = switch (request.routeKey()) {
            case "GET " + BASE + "/contacts" -> list(request, federation);
            case "POST " + BASE + "/contacts/import" -> importCsv(request, federation, caller);
            case "GET " + BASE + "/contacts/{id}" -> HttpResponse.json(200, ContactViews.contact(admin.get(federation.id(), contactId)));
            case "PATCH " + BASE + "/contacts/{id}" -> patch(request, federation, contactId);
            case "DELETE " + BASE + "/contacts/{id}" -> {
                admin.erase(federation.id(), contactId);
                yield HttpResponse.noContent();
            }
            case "GET " + BASE + "/contacts/{id}/history" -> HttpResponse.json(200, history(federation.id(), contactId));
            case "GET " + BASE + "/contacts/{id}/export" -> HttpResponse.json(200, export(federation.id(), contactId))
                    .withHeader("content-disposition", "attachment; filename=\"contact-" + contactId + ".json\"");
            case "GET " + BASE + "/audit" -> auditLog(request, federation);
            default -> throw ApiException.notFound("No such route.");
        };
        // Only after success: a refused call touched no personal data.
        access.audit(federation, caller, request, contactId);
        return response;
    }

    private HttpResponse list(HttpRequest request, Federation federation) {
        String email = request.queryParam("email");
        String name = request.queryParam("name");
        ContactPage page;
        if (email != null) {
            page = admin.byEmail(federation.id(), email, ListQuery.filter(request));
        } else if (name != null) {
            page = admin.byName(federation.id(), name, ListQuery.filter(request), request.queryParam("cursor"),
                    ListQuery.limit(request, 50));
        } else {
            page = admin.list(federation.id(), ListQuery.filter(request), request.queryParam("cursor"),
                    ListQuery.limit(request, 50));
        }
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("contacts");
        page.contacts().forEach(c -> items.add(ContactViews.contact(c)));
        body.put("nextCursor", page.nextCursor());
        return HttpResponse.json(200, body);
    }

    /**
     * A contact's page: its consent history with the proofs, and the federation's recent newsletters it was a
     * recipient of, with what it did with them (per person only with audience-measurement consent).
     */
    private ObjectNode history(String federation, String contactId) {
        admin.get(federation, contactId);
        ObjectNode out = Json.object();
        ArrayNode consent = out.putArray("consentLog");
        admin.consentLog(federation, contactId).forEach(e -> consent.add(ContactViews.consent(e)));
        List<Newsletter> recent = newsletters.list(federation, 100);
        Map<String, String> received = newsletters.recipientStatuses(federation, contactId,
                recent.stream().map(Newsletter::getId).toList());
        Map<String, java.util.Set<String>> actions = new java.util.HashMap<>();
        tracking.of(federation, contactId).stream().filter(e -> !e.event().contains("#")).forEach(e -> actions
                .computeIfAbsent(e.newsletterId(), k -> new java.util.TreeSet<>())
                .add(e.event().equals("UNSUB") ? "unsubscribe" : e.event().toLowerCase(java.util.Locale.ROOT)));
        ArrayNode list = out.putArray("newsletters");
        for (Newsletter nl : recent) {
            String status = received.get(nl.getId());
            if (status == null) {
                continue;
            }
            ObjectNode item = list.addObject();
            item.put("id", nl.getId());
            item.put("subject", nl.getSubject());
            item.put("startedAt", nl.getStartedAt() == null ? null : nl.getStartedAt().toString());
            item.put("status", status);
            ArrayNode did = item.putArray("events");
            actions.getOrDefault(nl.getId(), java.util.Set.of()).forEach(did::add);
        }
        return out;
    }

    /** Everything held on the person: the contact, its consent log, and its per-person tracking events. */
    private ObjectNode export(String federation, String contactId) {
        ObjectNode out = admin.export(federation, contactId);
        out.set("trackingEvents", TrackingHistory.view(tracking.of(federation, contactId)));
        return out;
    }

    private HttpResponse patch(HttpRequest request, Federation federation, String contactId) {
        JsonNode body = request.jsonBody();
        Schemas.validate("contact-patch", body);
        return HttpResponse.json(200, ContactViews.contact(admin.patch(federation.id(), contactId, body)));
    }

    private HttpResponse importCsv(HttpRequest request, Federation federation, Caller caller) {
        String type = request.contentType();
        if (!type.equals("text/csv") && !type.equals("application/csv")) {
            throw new ApiException(415, "unsupported_media_type", "Send the address book as text/csv.", null);
        }
        return HttpResponse.json(200, importer.importCsv(federation.id(), request.body(), caller.keyId()));
    }

    private HttpResponse auditLog(HttpRequest request, Federation federation) {
        ObjectNode body = Json.object();
        ArrayNode entries = body.putArray("entries");
        audit.recent(federation.id(), ListQuery.limit(request, 100)).forEach(e -> {
            ObjectNode entry = entries.addObject();
            entry.put("at", e.at().toString());
            entry.put("keyId", e.keyId());
            entry.put("role", e.role());
            entry.put("action", e.action());
            entry.put("target", e.target());
            entry.put("requestId", e.requestId());
            // Who, as the console shows it: a person (id, role, name) or a key; HQ acting for the federation.
            ObjectNode actor = entry.putObject("actor");
            actor.put("kind", e.actorKind());
            actor.put("id", e.keyId());
            actor.put("role", e.role());
            if (e.displayName() != null) {
                actor.put("displayName", e.displayName());
            }
            entry.put("onBehalf", e.onBehalf());
            entry.put("route", e.action());
        });
        return HttpResponse.json(200, body);
    }
}
