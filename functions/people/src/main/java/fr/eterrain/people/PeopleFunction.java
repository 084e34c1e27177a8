package fr.eterrain.people;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.Caller;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.people.People;
import fr.eterrain.core.people.PeopleEmails;
import fr.eterrain.core.people.PeopleViews;
import fr.eterrain.core.people.Person;
import fr.eterrain.core.people.SessionCookie;
import fr.eterrain.core.people.SignIn;
import fr.eterrain.core.validation.Schemas;

/**
 * People of a federation (or of HQ: {@code {fed}} = HQ): invite, list, change role or send right, remove (their
 * sessions end at once), end their sessions, export, erase ({@code DELETE …?erase=true}); and the invitation page's
 * two calls. The rules are in core (People); changes are written to the federation's audit log.
 */
public final class PeopleFunction extends HttpFunction {
    private static final String BASE = "/v1/federations/{fed}/people";

    private final Access access;
    private final People people;
    private final PeopleEmails emails;
    private final SessionCookie cookie;
    private final FederationRegistry federations;

    public PeopleFunction() {
        this(Settings.fromEnvironment());
    }

    public PeopleFunction(Settings settings) {
        this(new Platform(settings));
    }

    PeopleFunction(Platform platform) {
        this.access = platform.access();
        this.people = platform.people();
        this.emails = platform.peopleEmails();
        this.cookie = platform.sessionCookie();
        this.federations = platform.federations();
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        switch (request.routeKey()) {
            case "GET /v1/invitations/{token}" -> {
                Person invited = people.invitation(request.pathParam("token")).orElseThrow(() -> ApiException.notFound(
                        "This invitation is not valid, has expired or was already used."));
                Federation home = emails.home(invited.home());
                ObjectNode answer = Json.object();
                answer.put("displayName", invited.displayName());
                answer.putObject("federation").put("id", home.id()).put("name", home.name());
                answer.put("role", invited.role());
                answer.put("invitedBy", invited.invitedBy());
                return HttpResponse.json(200, answer);
            }
            case "POST /v1/invitations/accept" -> {
                JsonNode body = request.jsonBody();
                Schemas.validate("invitation-accept", body);
                SignIn.Completed done = people.accept(body.get("token").asText());
                log.info("invitation accepted", "person", done.person().id());
                ObjectNode answer = Json.object();
                answer.set("person", PeopleViews.me(done.person(), access.roles(), federations));
                return HttpResponse.json(200, answer).withCookie(cookie.set(done.session().token()));
            }
            default -> {
                return manage(request);
            }
        }
    }

    private HttpResponse manage(HttpRequest request) {
        Caller caller = access.authenticate(request);
        String home = home(request, caller);
        String id = request.pathParam("id");
        HttpResponse response = switch (request.routeKey()) {
            case "GET " + BASE -> {
                ObjectNode answer = Json.object();
                ArrayNode items = answer.putArray("items");
                people.list(caller, home).forEach(p -> items.add(PeopleViews.item(p)));
                yield HttpResponse.json(200, answer);
            }
            case "POST " + BASE -> {
                JsonNode body = request.jsonBody();
                Schemas.validate("person-invite", body);
                People.Invitation invitation = people.invite(caller, home, body.get("email").asText(),
                        body.get("displayName").asText(), body.get("role").asText(), body.path("send").asBoolean(false));
                ObjectNode answer = Json.object();
                answer.set("person", PeopleViews.item(invitation.person()));
                yield HttpResponse.json(201, answer).withHeader("location", "/v1/federations/" + home + "/people/"
                        + invitation.person().id());
            }
            case "PATCH " + BASE + "/{id}" -> {
                JsonNode body = request.jsonBody();
                Schemas.validate("person-patch", body);
                Person updated = people.patch(caller, home, id, Json.text(body, "role"),
                        body.has("send") ? body.get("send").asBoolean() : null, Json.text(body, "displayName"));
                ObjectNode answer = Json.object();
                answer.set("person", PeopleViews.item(updated));
                yield HttpResponse.json(200, answer);
            }
            case "DELETE " + BASE + "/{id}" -> {
                if ("true".equals(request.queryParam("erase"))) {
                    people.erase(caller, home, id);
                } else {
                    people.remove(caller, home, id);
                }
                yield HttpResponse.noContent();
            }
            case "POST " + BASE + "/{id}/sessions/end" -> {
                people.endSessions(caller, home, id);
                yield HttpResponse.noContent();
            }
            case "GET " + BASE + "/{id}/export" -> {
                Person person = people.require(caller, home, id);
                ObjectNode answer = Json.object();
                answer.set("person", PeopleViews.item(person));
                answer.put("createdBy", person.createdBy());
                ArrayNode sessions = answer.putArray("sessions");
                people.sessionsOf(person).forEach(s -> sessions.addObject().put("createdAt", s.createdAt().toString())
                        .put("lastSeenAt", s.lastSeenAt().toString()).put("expiresAt", s.expiresAt().toString()));
                yield HttpResponse.json(200, answer).withHeader("content-disposition",
                        "attachment; filename=\"personne-" + person.id() + ".json\"");
            }
            default -> throw ApiException.notFound("No such route.");
        };
        if (!Caller.HQ.equals(home)) {
            // Who did it, in the federation's own log; the target is the person's id (a colleague, not a contact).
            access.audit(federations.require(home), caller, request, null);
        }
        return response;
    }

    /** The path's home: HQ, or a federation that exists (404), after the caller may act for it (403). */
    private String home(HttpRequest request, Caller caller) {
        String fed = request.pathParam("fed");
        if (Caller.HQ.equals(fed)) {
            if (!caller.isHq()) {
                throw ApiException.forbidden("HQ's own people are managed by HQ.");
            }
            return Caller.HQ;
        }
        return access.federation(request, caller).id();
    }
}
