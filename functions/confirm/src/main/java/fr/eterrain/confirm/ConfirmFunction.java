package fr.eterrain.confirm;

import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.contacts.ContactService;
import fr.eterrain.core.contacts.ContactService.ConfirmResult;
import fr.eterrain.core.html.Pages;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;

/** GET /v1/confirm?t=… — the double opt-in link: activates the contact and logs the consent proof. */
public final class ConfirmFunction extends HttpFunction {
    private final ContactService contacts;

    public ConfirmFunction() {
        this(Settings.fromEnvironment());
    }

    public ConfirmFunction(Settings settings) {
        this(new Platform(settings).contactService());
    }

    ConfirmFunction(ContactService contacts) {
        this.contacts = contacts;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        ConfirmResult result = contacts.confirm(request.queryParam("t"), request.sourceIp(), request.userAgent());
        return switch (result.outcome()) {
            case CONFIRMED -> Pages.message(200, result.federation(), "Votre inscription est confirmée",
                    "Merci ! Vous recevrez désormais les informations de la " + result.federation().displayName() + ".",
                    "Chaque message contient un lien pour vous désinscrire en un clic.");
            case ALREADY_CONFIRMED -> Pages.message(200, result.federation(), "Votre inscription est déjà confirmée",
                    "Ce lien a déjà été utilisé : votre inscription est active.");
            case SUPERSEDED -> Pages.message(410, result.federation(), "Ce lien a été remplacé",
                    "Une demande plus récente a été faite pour cette adresse. Utilisez le lien du dernier e-mail reçu.");
            case EXPIRED -> Pages.expiredLink("confirmer votre inscription");
            case INVALID -> Pages.invalidLink(400);
        };
    }

    @Override
    protected HttpResponse onRefusal(ApiException e) {
        return Pages.invalidLink(e.status());
    }
}
