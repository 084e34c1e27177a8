package fr.eterrain.core.contacts;

import fr.eterrain.core.brand.Brand;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.html.Html;
import fr.eterrain.core.html.Layout;
import fr.eterrain.core.mail.EmailMessage;
import fr.eterrain.core.mail.ListHeaders;
import fr.eterrain.core.mail.Mailboxes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The French, branded double opt-in email (and its re-confirmation variant after 3 quiet years), and the welcome
 * email that follows a confirmation: the first message a subscriber gets, with its one-click unsubscribe.
 */
public final class ConfirmationEmails {
    /** The message header feedback reads (the same as newsletters'). */
    public static final String MESSAGE_HEADER = "X-Eterrain-Message";
    /** The kinds of transactional email, in place of a newsletter id in the message header. */
    public static final String CONFIRMATION = "confirmation";
    public static final String RECONFIRMATION = "reconfirmation";
    public static final String WELCOME = "welcome";

    private final Links links;
    private final String mailDomain;

    public ConfirmationEmails(Links links, String mailDomain) {
        this.links = links;
        this.mailDomain = mailDomain;
    }

    public EmailMessage build(Federation federation, Contact contact, PendingSignup pending) {
        Brand brand = federation.brand();
        String confirmUrl = links.confirm(federation.id(), contact.getId(), pending.nonce());
        boolean reconfirm = PendingSignup.RECONFIRM.equals(pending.purpose());
        // Whoever filled the form may not own the address: nothing they typed is echoed to it before it confirms.
        String greeting = "Bonjour,";
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
                + Layout.legalText(federation, brand);
        return new EmailMessage(Mailboxes.format(federation.displayName(), federation.senderAddress()), contact.getEmail(),
                title + " – " + federation.displayName(), html, text,
                Map.of("X-Eterrain-Federation", federation.id(),
                        MESSAGE_HEADER, reference(federation, reconfirm ? RECONFIRMATION : CONFIRMATION, contact)));
    }

    public EmailMessage welcome(Federation federation, Contact contact) {
        Brand brand = federation.brand();
        String unsubscribe = links.unsubscribe(federation.id(), contact.getId());
        String greeting = contact.getFirstName() != null ? "Bonjour " + contact.getFirstName() + "," : "Bonjour,";
        String title = "Bienvenue !";
        String intro = "Votre inscription aux informations de la " + federation.displayName() + " est confirmée. "
                + "Vous recevrez nos lettres d'information et nos appels à l'action près de chez vous.";
        String leave = "Vous pouvez vous désinscrire à tout moment, en un clic";
        StringBuilder footer = new StringBuilder()
                .append("<a href=\"").append(Html.escape(unsubscribe)).append("\" style=\"color:#555555;\">")
                .append(Html.escape(leave)).append("</a>");
        String measurement = "";
        if (contact.isAudienceConsent()) {
            String withdraw = links.withdrawAudienceMeasurement(federation.id(), contact.getId());
            footer.append(" · <a href=\"").append(Html.escape(withdraw)).append("\" style=\"color:#555555;\">")
                    .append("Ne plus mesurer l'ouverture de mes e-mails</a>");
            measurement = "\nNe plus mesurer l'ouverture de mes e-mails : " + withdraw;
        }
        footer.append("<br>");
        String html = Layout.email(federation, intro, title,
                "<p>" + Html.escape(greeting) + "</p><p>" + Html.escape(intro) + "</p>", footer.toString());
        String text = greeting + "\n\n" + intro + "\n\n" + leave + " : " + unsubscribe + measurement + "\n\n-- \n"
                + Layout.legalText(federation, brand);
        Map<String, String> headers = new LinkedHashMap<>(ListHeaders.of(federation, mailDomain, unsubscribe));
        headers.put(MESSAGE_HEADER, reference(federation, WELCOME, contact));
        return new EmailMessage(Mailboxes.format(federation.displayName(), federation.senderAddress()), contact.getEmail(),
                title + " – " + federation.displayName(), html, text, headers);
    }

    /**
     * Our message header on transactional emails too ({@code <federation>.<kind>.<contact>}): SES's events for them
     * reach the feedback loop, so their bounces and complaints suppress the address and count toward the reputation
     * pause like a newsletter's.
     */
    private static String reference(Federation federation, String kind, Contact contact) {
        return federation.id() + "." + kind + "." + contact.getId();
    }
}
