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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * GET shows one button; POST (RFC 8058 one-click, body {@code List-Unsubscribe=One-Click}) withdraws at once,
 * idempotently, and answers 200 without redirect. {@code scope=audience} withdraws only audience measurement.
 */
public final class UnsubscribeFunction extends HttpFunction {
    private final ContactService contacts;

    public UnsubscribeFunction() {
        this(Settings.fromEnvironment());
    }

    public UnsubscribeFunction(Settings settings) {
        this(new Platform(settings).contactService());
    }

    UnsubscribeFunction(ContactService contacts) {
        this.contacts = contacts;
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
                default -> confirmPage(check, token, scope);
            };
        }
        String channel = "List-Unsubscribe=One-Click".equals(request.body() == null ? null : request.body().trim())
                ? "one-click" : "page";
        WithdrawResult result = contacts.withdraw(token, scope, request.sourceIp(), request.userAgent(), channel);
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

    private HttpResponse confirmPage(WithdrawResult check, String token, WithdrawScope scope) {
        boolean newsletter = scope == WithdrawScope.NEWSLETTER;
        String action = "?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + (newsletter ? "" : "&scope=audience");
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
