package fr.eterrain.unsubscribe;

import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.contacts.ContactService;
import fr.eterrain.core.contacts.ContactService.WithdrawResult;
import fr.eterrain.core.contacts.ContactService.WithdrawScope;
import fr.eterrain.core.html.Html;
import fr.eterrain.core.html.Layout;
import fr.eterrain.core.html.Pages;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpFunction;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.tracking.UnsubscribeCounter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * GET shows one button; POST (RFC 8058 one-click, body {@code List-Unsubscribe=One-Click}) withdraws at once,
 * idempotently, and answers 200 without redirect. {@code scope=audience} withdraws only audience measurement.
 */
public final class UnsubscribeFunction extends HttpFunction {
    private final ContactService contacts;
    private final UnsubscribeCounter unsubscribes;

    public UnsubscribeFunction() {
        this(Settings.fromEnvironment());
    }

    public UnsubscribeFunction(Settings settings) {
        this(new Platform(settings));
    }

    private UnsubscribeFunction(Platform platform) {
        this(platform.contactService(), platform.unsubscribeCounter());
    }

    UnsubscribeFunction(ContactService contacts, UnsubscribeCounter unsubscribes) {
        this.contacts = contacts;
        this.unsubscribes = unsubscribes;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        String token = request.queryParam("t");
        WithdrawScope scope = "audience".equals(request.queryParam("scope")) ? WithdrawScope.AUDIENCE_MEASUREMENT
                : WithdrawScope.NEWSLETTER;
        if (request.method().equals("GET")) {
            WithdrawResult check = contacts.checkWithdrawal(token);
            return switch (check.outcome()) {
                case INVALID -> Pages.invalidLink(400);
                case EXPIRED -> Pages.expiredLink("vous désinscrire");
                default -> confirmPage(check, token, scope, request.queryParam("n"));
            };
        }
        String channel = "List-Unsubscribe=One-Click".equals(request.body() == null ? null : request.body().trim())
                ? "one-click" : "page";
        WithdrawResult result = contacts.withdraw(token, scope, request.sourceIp(), request.userAgent(), channel);
        if (result.outcome() == ContactService.WithdrawOutcome.WITHDRAWN && scope == WithdrawScope.NEWSLETTER) {
            countForNewsletter(token, request.queryParam("n"));
        }
        return switch (result.outcome()) {
            case INVALID -> Pages.invalidLink(400);
            case EXPIRED -> Pages.expiredLink("vous désinscrire");
            default -> scope == WithdrawScope.NEWSLETTER
                    ? Pages.message(200, result.federation(), "Vous êtes désinscrit·e",
                            "Vous ne recevrez plus les messages de la " + result.federation().displayName() + ".",
                            "Vous pourrez vous réinscrire à tout moment depuis le site de la fédération.")
                    : Pages.message(200, result.federation(), "Mesure d'audience désactivée",
                            "L'ouverture de nos e-mails et vos clics ne seront plus mesurés individuellement, y compris pour les messages déjà reçus.");
        };
    }

    /** Best effort: the withdrawal is done and must be confirmed even if the statistics cannot be updated. */
    private void countForNewsletter(String token, String newsletterId) {
        if (newsletterId == null) {
            return;
        }
        try {
            unsubscribes.count(token, newsletterId);
        } catch (RuntimeException e) {
            log.error("unsubscribe not counted for the newsletter", e, "newsletter", newsletterId);
        }
    }

    private HttpResponse confirmPage(WithdrawResult check, String token, WithdrawScope scope, String newsletterId) {
        boolean newsletter = scope == WithdrawScope.NEWSLETTER;
        String action = "?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + (newsletter ? "" : "&scope=audience")
                + (newsletterId == null ? "" : "&n=" + URLEncoder.encode(newsletterId, StandardCharsets.UTF_8));
        String body = "<p>" + Html.escape(newsletter
                ? "Vous ne recevrez plus aucun message de la " + check.federation().displayName() + "."
                : "L'ouverture de nos e-mails et vos clics ne seront plus mesurés individuellement.") + "</p>"
                + "<form method=\"post\" action=\"" + Html.escape(action) + "\">"
                + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\">" + (newsletter ? "Me désinscrire" : "Désactiver la mesure d'audience") + "</button></form>";
        return HttpResponse.html(200, Layout.page(check.federation(),
                newsletter ? "Se désinscrire" : "Retirer mon consentement à la mesure d'audience", body));
    }

    @Override
    protected HttpResponse onRefusal(ApiException e) {
        return Pages.invalidLink(e.status());
    }
}
