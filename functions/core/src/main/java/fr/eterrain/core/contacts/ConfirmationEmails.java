package fr.eterrain.core.contacts;

import fr.eterrain.core.brand.Brand;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.html.Html;
import fr.eterrain.core.html.Layout;
import fr.eterrain.core.mail.EmailMessage;
import fr.eterrain.core.mail.Mailboxes;
import java.util.Map;

/** The French, branded double opt-in email (and its re-confirmation variant after 3 quiet years). */
public final class ConfirmationEmails {
    private final Links links;

    public ConfirmationEmails(Links links) {
        this.links = links;
    }

    public EmailMessage build(Federation federation, Contact contact, PendingSignup pending) {
        Brand brand = federation.brand();
        String confirmUrl = links.confirm(federation.id(), contact.getId(), pending.nonce());
        boolean reconfirm = PendingSignup.RECONFIRM.equals(pending.purpose());
        String greeting = pending.firstName() != null ? "Bonjour " + pending.firstName() + "," : "Bonjour,";
        String title = reconfirm ? "Souhaitez-vous continuer à recevoir nos nouvelles ?" : "Confirmez votre inscription";
        String intro = reconfirm
                ? "Vous êtes inscrit·e aux informations de la " + federation.displayName()
                        + " mais nous n'avons pas eu de nouvelles de vous depuis longtemps. Pour rester inscrit·e, confirmez d'un clic. "
                        + "Sans réponse, vos données seront effacées."
                : "Vous avez demandé à recevoir les informations de la " + federation.displayName()
                        + ". Pour que nous puissions vous écrire, confirmez votre adresse d'un clic.";
        String action = reconfirm ? "Je reste inscrit·e" : "Je confirme mon inscription";
        String ignore = "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : sans confirmation, "
                + "vous ne recevrez rien de notre part. Ce lien est valable 7 jours.";
        String html = Layout.email(federation, title, title,
                "<p>" + Html.escape(greeting) + "</p><p>" + Html.escape(intro) + "</p>"
                        + Layout.button(brand, confirmUrl, action)
                        + "<p style=\"font-size:14px;color:#555555;\">Le bouton ne fonctionne pas ? Copiez ce lien dans votre navigateur :<br>"
                        + "<a href=\"" + Html.escape(confirmUrl) + "\" style=\"color:" + brand.primaryColor() + ";word-break:break-all;\">"
                        + Html.escape(confirmUrl) + "</a></p>"
                        + "<p style=\"font-size:14px;color:#555555;\">" + Html.escape(ignore) + "</p>",
                "");
        String text = greeting + "\n\n" + intro + "\n\n" + action + " : " + confirmUrl + "\n\n" + ignore + "\n\n-- \n"
                + federation.displayName() + "\n" + Layout.legalText(federation, brand);
        return new EmailMessage(Mailboxes.format(federation.displayName(), federation.senderAddress()), contact.getEmail(),
                title + " – " + federation.displayName(), html, text,
                Map.of("X-Eterrain-Federation", federation.id()));
    }
}
