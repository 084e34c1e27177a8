package fr.eterrain.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.Caller;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.people.PeopleStore;
import fr.eterrain.core.people.PeopleViews;
import fr.eterrain.core.people.SessionCookie;
import fr.eterrain.core.people.Sessions;
import fr.eterrain.core.people.SignIn;
import fr.eterrain.core.validation.Schemas;

/**
 * Passwordless sign-in (a code and a link by email), the session's own person (/v1/me), sign-out here and
 * everywhere. The rules are in core (SignIn, Sessions); this shapes requests and answers.
 */
public final class AuthFunction extends HttpFunction {
    private final Access access;
    private final SignIn signIn;
    private final Sessions sessions;
    private final SessionCookie cookie;
    private final PeopleStore people;
    private final FederationRegistry federations;

    public AuthFunction() {
        this(Settings.fromEnvironment());
    }

    public AuthFunction(Settings settings) {
        this(new Platform(settings));
    }

    AuthFunction(Platform platform) {
        this(platform.access(), platform.signIn(), platform.sessions(), platform.sessionCookie(), platform.peopleStore(),
                platform.federations());
    }

    AuthFunction(Access access, SignIn signIn, Sessions sessions, SessionCookie cookie, PeopleStore people,
                 FederationRegistry federations) {
        this.access = access;
        this.signIn = signIn;
        this.sessions = sessions;
        this.cookie = cookie;
        this.people = people;
        this.federations = federations;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        return switch (request.routeKey()) {
            case "POST /v1/sign-in" -> {
                JsonNode body = body(request, "sign-in-request");
                signIn.request(body.get("email").asText(), request.sourceIp());
                ObjectNode answer = Json.object();
                answer.put("sent", true);
                yield HttpResponse.json(202, answer);
            }
            case "POST /v1/sign-in/code" -> {
                JsonNode body = body(request, "sign-in-code");
                yield signedIn(signIn.withCode(body.get("email").asText(), body.get("code").asText(), request.sourceIp()));
            }
            case "POST /v1/sign-in/link" -> signedIn(signIn.withLink(body(request, "sign-in-link").get("token").asText(),
                    request.sourceIp()));
            case "GET /v1/me" -> {
                Caller caller = self(request);
                var person = people.find(caller.id()).orElseThrow(() -> ApiException.unauthorized("Sign in again."));
                ObjectNode answer = Json.object();
                answer.set("person", PeopleViews.me(person, access.roles(), federations));
                yield HttpResponse.json(200, answer);
            }
            case "POST /v1/sign-out" -> {
                Caller caller = self(request);
                sessions.check(cookie.read(request)).ifPresent(sessions::end);
                log.info("signed out", "person", caller.id());
                yield HttpResponse.noContent().withCookie(cookie.clear());
            }
            case "POST /v1/sign-out/everywhere" -> {
                Caller caller = self(request);
                int ended = sessions.endAll(caller.id());
                log.info("signed out everywhere", "person", caller.id(), "sessions", ended);
                yield HttpResponse.noContent().withCookie(cookie.clear());
            }
            default -> throw ApiException.notFound("No such route.");
        };
    }

    /** A signed-in person: keys have no "self". */
    private Caller self(HttpRequest request) {
        Caller caller = access.authenticate(request);
        if (!caller.isPerson()) {
            throw ApiException.forbidden("This route is for signed-in people, not API keys.");
        }
        return caller;
    }

    private HttpResponse signedIn(SignIn.Completed completed) {
        log.info("signed in", "person", completed.person().id(), "role", completed.person().role());
        ObjectNode answer = Json.object();
        answer.set("person", PeopleViews.me(completed.person(), access.roles(), federations));
        return HttpResponse.json(200, answer).withCookie(cookie.set(completed.session().token()));
    }

    private static JsonNode body(HttpRequest request, String schema) {
        JsonNode body = request.jsonBody();
        Schemas.validate(schema, body);
        return body;
    }
}
