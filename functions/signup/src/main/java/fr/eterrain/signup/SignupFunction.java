package fr.eterrain.signup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.contacts.ContactService;
import fr.eterrain.core.contacts.Links;
import fr.eterrain.core.contacts.SignupForms;
import fr.eterrain.core.contacts.SignupRequest;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.html.Pages;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.Cors;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.validation.Schemas;
import java.util.Map;

/**
 * POST /v1/federations/{fed}/signups (JSON or plain HTML form), its CORS preflight and the thank-you page.
 * The answer is the same 202 whatever the address's state, so nobody can learn who is subscribed. A form post is
 * taken from the federation's declared website origins or with its snippet's token ({@link SignupForms}).
 */
public final class SignupFunction extends HttpFunction {
    static final String ACCEPTED_MESSAGE =
            "Merci ! Si cette adresse est valide, un e-mail de confirmation vient de lui être envoyé.";

    private final FederationRegistry federations;
    private final ContactService contacts;
    private final Links links;
    private final SignupForms forms;

    public SignupFunction() {
        this(Settings.fromEnvironment());
    }

    public SignupFunction(Settings settings) {
        this(new Platform(settings));
    }

    SignupFunction(Platform platform) {
        this(platform.federations(), platform.contactService(), platform.links(), platform.signupForms());
    }

    SignupFunction(FederationRegistry federations, ContactService contacts, Links links, SignupForms forms) {
        this.federations = federations;
        this.contacts = contacts;
        this.links = links;
        this.forms = forms;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        Federation federation = federations.require(request.pathParam("fed"));
        return switch (request.method()) {
            case "OPTIONS" -> Cors.preflight(request, federation);
            case "GET" -> Pages.message(200, federation, "Merci pour votre inscription",
                    "Un e-mail de confirmation vient de vous être envoyé. Cliquez sur le lien qu'il contient pour confirmer votre inscription.",
                    "Vous ne l'avez pas reçu ? Vérifiez vos courriers indésirables ; vous pourrez en redemander un dans 10 minutes.");
            default -> request.isForm() ? formSignup(request, federation) : Cors.apply(jsonSignup(request, federation), request, federation);
        };
    }

    private HttpResponse jsonSignup(HttpRequest request, Federation federation) {
        if (!request.contentType().equals("application/json")) {
            throw new ApiException(415, "unsupported_media_type",
                    "Send application/json or application/x-www-form-urlencoded.", null);
        }
        JsonNode body = request.jsonBody();
        Schemas.validate("signup-request", body);
        contacts.signup(federation, SignupRequest.fromJson(body), request.sourceIp(), request.userAgent());
        ObjectNode answer = Json.object();
        answer.put("status", "accepted");
        answer.put("message", ACCEPTED_MESSAGE);
        return HttpResponse.json(202, answer);
    }

    /** Works without JavaScript: refusals come back as a page, success as a redirect to the thank-you page. */
    private HttpResponse formSignup(HttpRequest request, Federation federation) {
        try {
            Map<String, String> form = HttpRequest.parseForm(request.body());
            if (!forms.accepts(federation, request.header("origin"), form.get(SignupForms.FIELD))) {
                return Pages.message(403, federation, "Ce formulaire d'inscription n'est pas reconnu",
                        "Il n'a pas été envoyé depuis le site de la " + federation.displayName() + ", ni depuis son formulaire officiel.",
                        "Pour vous inscrire, utilisez le formulaire du site de la fédération.");
            }
            JsonNode body = FormSignup.toJson(form);
            Schemas.validate("signup-request", body);
            contacts.signup(federation, SignupRequest.fromJson(body), request.sourceIp(), request.userAgent());
            return HttpResponse.seeOther(links.thanks(federation.id()));
        } catch (ApiException e) {
            return Pages.message(e.status(), federation, "Votre inscription n'a pas pu être enregistrée",
                    FormSignup.explain(e), "Revenez à la page précédente pour corriger le formulaire.");
        }
    }
}
