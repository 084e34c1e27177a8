package fr.eterrain.core.people;

import fr.eterrain.core.access.Caller;
import fr.eterrain.core.brand.Brand;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.html.Html;
import fr.eterrain.core.html.Layout;
import fr.eterrain.core.mail.EmailMessage;
import fr.eterrain.core.mail.Mailboxes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The sign-in and invitation emails, in French, in the party's look. The sign-in email repeats nothing typed by
 * whoever asked for it (the address may not be theirs): only the code and the link. The invitation names the
 * federation, the role and who invited, all set by an accountable person, escaped like any data.
 */
public final class PeopleEmails {
    /** Headers feedback reads, as for other transactional emails. */
    public static final String MESSAGE_HEADER = "X-Eterrain-Message";

    private final String site;
    private final String mailDomain;
    private final FederationRegistry federations;

    public PeopleEmails(String site, String mailDomain, FederationRegistry federations) {
        this.site = site;
        this.mailDomain = mailDomain;
        this.federations = federations;
    }

    /** The federation a person belongs to, or headquarters as a federation-like sender. */
    public Federation home(String home) {
        if (Caller.HQ.equals(home)) {
            return new Federation(Caller.HQ, "Siège national", "national@" + mailDomain, List.of(), Map.of());
        }
        return federations.require(home);
    }

    public String signInLink(String token) {
        return site + "/#/connexion?lien=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    public String invitationLink(String token) {
        return site + "/#/invitation?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    public EmailMessage signIn(Person person, String code, String linkToken) {
        Federation federation = home(person.home());
        Brand brand = federation.brand();
        String link = signInLink(linkToken);
        String title = "Votre code de connexion : " + code;
        String intro = "Pour vous connecter à la console e-terrain, saisissez ce code (valable 10 minutes, une seule fois) :";
        String ignore = "Si vous n'avez pas demandé à vous connecter, ignorez ce message : personne ne peut se connecter "
                + "sans ce code ou ce lien.";
        String html = Layout.email(federation, title, "Connexion à la console",
                "<p>Bonjour,</p><p>" + Html.escape(intro) + "</p>"
                        + "<p style=\"font-size:32px;font-weight:bold;letter-spacing:6px;margin:16px 0;\">" + Html.escape(code) + "</p>"
                        + "<p>Ou ouvrez ce lien, puis confirmez d'un clic :</p>"
                        + Layout.button(brand, link, "Me connecter")
                        + "<p style=\"font-size:14px;color:#555555;\">" + Html.escape(ignore) + "</p>", "");
        String text = "Bonjour,\n\n" + intro + "\n\n" + code + "\n\nOu ouvrez ce lien, puis confirmez d'un clic : " + link
                + "\n\n" + ignore + "\n\n-- \n" + Layout.legalText(federation, brand);
        return new EmailMessage(Mailboxes.format("e-terrain – connexion", "connexion@" + mailDomain), person.email(),
                title, html, text, Map.of(MESSAGE_HEADER, "signin"));
    }

    public EmailMessage invitation(Person person, String token) {
        Federation federation = home(person.home());
        Brand brand = federation.brand();
        String link = invitationLink(token);
        String where = Caller.HQ.equals(person.home()) ? "au siège national" : "à la " + federation.displayName();
        String title = "Vous êtes invité·e à rejoindre la console e-terrain";
        String intro = (person.invitedBy() == null ? "Vous êtes invité·e" : person.invitedBy() + " vous invite")
                + " à rejoindre l'équipe " + where + " sur la console e-terrain, comme " + RoleNames.french(person.role()) + ".";
        String validity = "Ce lien est valable 7 jours et ne sert qu'une fois. Si vous ne connaissez pas cette équipe, "
                + "ignorez ce message : sans votre accord, rien ne se passe.";
        String html = Layout.email(federation, title, title,
                "<p>Bonjour " + Html.escape(person.displayName()) + ",</p><p>" + Html.escape(intro) + "</p>"
                        + Layout.button(brand, link, "Accepter l'invitation")
                        + "<p style=\"font-size:14px;color:#555555;\">Le bouton ne fonctionne pas ? Copiez ce lien :<br>"
                        + Html.escape(link) + "</p>"
                        + "<p style=\"font-size:14px;color:#555555;\">" + Html.escape(validity) + "</p>", "");
        String text = "Bonjour " + person.displayName() + ",\n\n" + intro + "\n\nAccepter l'invitation : " + link + "\n\n"
                + validity + "\n\n-- \n" + Layout.legalText(federation, brand);
        return new EmailMessage(Mailboxes.format("e-terrain – invitation", "connexion@" + mailDomain), person.email(),
                title, html, text, Map.of(MESSAGE_HEADER, "invitation"));
    }
}
