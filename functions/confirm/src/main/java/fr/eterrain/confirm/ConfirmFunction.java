package fr.eterrain.confirm;

import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.contacts.ContactService;
import fr.eterrain.core.contacts.ContactService.ConfirmResult;
import fr.eterrain.core.html.Html;
import fr.eterrain.core.html.Layout;
import fr.eterrain.core.html.Pages;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The double opt-in link. {@code GET /v1/confirm?t=…} shows a branded page with one button and changes nothing
 * (link scanners fetch every link of an email); {@code POST /v1/confirm?t=…}, from that button, confirms and logs
 * the consent proof of that request. The same pattern as the unsubscribe page.
 */
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
        String token = request.queryParam("t");
        ConfirmResult result = request.method().equals("POST") ? contacts.confirm(token, request.sourceIp(), request.userAgent())
                : contacts.checkConfirmation(token);
        return switch (result.outcome()) {
            case AWAITING -> confirmPage(result, token);
            case CONFIRMED -> Pages.message(200, result.federation(), "Votre inscription est confirmée",
                    "Merci ! Vous recevrez désormais les informations de la " + result.federation().displayName() + ".",
                    "Chaque message contient un lien pour vous désinscrire en un clic.");
            case ALREADY_CONFIRMED -> Pages.message(200, result.federation(), "Votre inscription est déjà confirmée",
                    "Ce lien a déjà été utilisé : votre inscription est active.");
            case SUPERSEDED -> Pages.message(410, result.federation(), "Ce lien a été remplacé",
                    "Une demande plus récente a été faite pour cette adresse. Utilisez le lien du dernier e-mail reçu.");
            case SUPPRESSED -> Pages.message(410, result.federation(), "Cette adresse ne peut plus être inscrite",
                    "Nos messages à cette adresse ont été refusés ou signalés, ou son effacement a été demandé : "
                            + "nous ne lui écrirons plus. Pour toute question, écrivez à la fédération.");
            case EXPIRED -> Pages.expiredLink("confirmer votre inscription");
            case INVALID -> Pages.invalidLink(400);
        };
    }

    /** One button that posts the same link: only a person's click confirms. */
    private static HttpResponse confirmPage(ConfirmResult result, String token) {
        String federation = result.federation().displayName();
        boolean measured = result.pending().audienceMeasurement();
        String title;
        String intro;
        String action;
        switch (result.kind()) {
            case RESUBSCRIBE -> {
                title = "Confirmez votre réinscription";
                intro = "Vous vous étiez désinscrit·e des informations de la " + federation
                        + ". Une nouvelle inscription a été demandée pour votre adresse : confirmez-la si elle vient de vous.";
                action = "Je me réinscris";
            }
            case UPDATE -> {
                title = "Confirmez vos nouvelles préférences";
                intro = "Votre adresse est déjà inscrite aux informations de la " + federation
                        + ". Une nouvelle demande a été faite : confirmez-la si elle vient de vous, vos préférences seront mises à jour.";
                action = "Je confirme";
            }
            case RECONFIRM -> {
                title = "Restez-vous inscrit·e ?";
                intro = "Vous êtes inscrit·e aux informations de la " + federation + ". Confirmez d'un clic pour le rester.";
                action = "Je reste inscrit·e";
            }
            default -> {
                title = "Confirmez votre inscription";
                intro = "Une inscription aux informations de la " + federation
                        + " a été demandée pour votre adresse. Confirmez-la si elle vient de vous.";
                action = "Je confirme mon inscription";
            }
        }
        String body = "<p>" + Html.escape(intro) + "</p><ul>"
                + "<li>" + Html.escape("Lettres d'information et appels à l'action de la fédération : oui") + "</li>"
                + "<li>" + Html.escape("Mesure individuelle de l'ouverture de nos e-mails et de vos clics : "
                        + (measured ? "acceptée" : "refusée")) + "</li></ul>"
                + "<form method=\"post\" action=\"" + Html.escape("?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8)) + "\">"
                + "<button type=\"submit\">" + Html.escape(action) + "</button></form>"
                + "<p>" + Html.escape("Si vous n'êtes pas à l'origine de cette demande, fermez simplement cette page : "
                        + "rien ne sera enregistré.") + "</p>";
        return HttpResponse.html(200, Layout.page(result.federation(), title, body));
    }

    @Override
    protected HttpResponse onRefusal(ApiException e) {
        return Pages.invalidLink(e.status());
    }
}
