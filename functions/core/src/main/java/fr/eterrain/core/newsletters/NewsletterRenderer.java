package fr.eterrain.core.newsletters;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.brand.Brand;
import fr.eterrain.core.contacts.Links;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.html.Html;
import fr.eterrain.core.html.Layout;
import fr.eterrain.core.mail.EmailMessage;
import fr.eterrain.core.mail.ListHeaders;
import fr.eterrain.core.mail.Mailboxes;
import fr.eterrain.core.tracking.TrackingLinks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a newsletter for one recipient into the unified email layout (HTML + plain text): first-name
 * personalisation, every link rewritten to its signed redirect, the RFC 8058 headers and a visible unsubscribe
 * link, and the open pixel only for contacts who consented to audience measurement.
 *
 * <p>A first name is data, never markup: the volunteer's text is rendered with a placeholder character where
 * {@code {{firstName}}} stood, and the name replaces it only afterwards, HTML-escaped in the HTML part and as typed
 * in the plain text, so nothing in a name becomes a link, emphasis or a tag.
 */
public final class NewsletterRenderer {
    public static final String FIRST_NAME = "{{firstName}}";
    /** Where the first name goes in rendered output: a private-use character nobody types, never part of a link. */
    static final String NAME_SLOT = SafeMarkdown.NAME_SLOT;
    /** Identifies the message in SES events (feedback loop): federation.newsletter.contact. */
    public static final String MESSAGE_HEADER = fr.eterrain.core.contacts.ConfirmationEmails.MESSAGE_HEADER;
    /**
     * A picture never widens the email: an image whose file does not load keeps its width attribute and ignores
     * {@code max-width:100%}, so the column's width comes from {@code width:100%} capped at the content width; the
     * attribute stays for Outlook, which reads only it.
     */
    static final String IMAGE_STYLE = "display:block;width:100%;max-width:552px;height:auto;border:0;margin:0 0 16px 0;";

    private final Links links;
    private final TrackingLinks tracking;
    private final String mailDomain;

    public NewsletterRenderer(Links links, TrackingLinks tracking, String mailDomain) {
        this.links = links;
        this.tracking = tracking;
        this.mailDomain = mailDomain;
    }

    public EmailMessage render(Federation federation, Newsletter nl, Recipient to) {
        boolean real = to.contactId() != null;
        List<String> targets = nl.getLinks();
        SafeMarkdown.LinkRewriter rewriter = url -> {
            int index = targets.indexOf(url);
            return real && index >= 0 ? tracking.click(federation.id(), nl.getId(), to.contactId(), index) : url;
        };
        Brand brand = federation.brand();
        String linkStyle = "color:" + brand.primaryColor() + ";";
        StringBuilder html = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (JsonNode block : nl.getBlocks()) {
            switch (block.path("type").asText()) {
                case "heading" -> {
                    String heading = withNameSlot(block.path("text").asText());
                    html.append("<h2 style=\"font-size:19px;margin:24px 0 12px 0;color:").append(brand.primaryColor()).append(";\">")
                            .append(Html.escape(heading)).append("</h2>");
                    text.append(heading.toUpperCase(java.util.Locale.FRENCH)).append("\n\n");
                }
                case "text" -> {
                    String markdown = withNameSlot(block.path("markdown").asText());
                    html.append(SafeMarkdown.toHtml(markdown, linkStyle, rewriter));
                    text.append(SafeMarkdown.toText(markdown, rewriter)).append("\n\n");
                }
                case "image" -> {
                    String img = "<img src=\"" + Html.escape(block.path("url").asText()) + "\" alt=\""
                            + Html.escape(block.path("alt").asText()) + "\" width=\"552\" style=\"" + IMAGE_STYLE + "\">";
                    if (block.hasNonNull("link")) {
                        String href = rewriter.href(block.get("link").asText());
                        html.append("<a href=\"").append(Html.escape(href)).append("\">").append(img).append("</a>");
                        text.append("[").append(block.path("alt").asText()).append("] ").append(href).append("\n\n");
                    } else {
                        html.append(img);
                    }
                }
                case "button" -> {
                    String href = rewriter.href(block.path("url").asText());
                    html.append(Layout.button(brand, href, block.path("label").asText()));
                    text.append(block.path("label").asText()).append(" : ").append(href).append("\n\n");
                }
                default -> throw new IllegalStateException("unknown block " + block.path("type").asText());
            }
        }
        String unsubscribe = real ? links.unsubscribe(federation.id(), to.contactId()) + "&n=" + nl.getId()
                : links.baseUrl() + "/v1/unsubscribe";
        StringBuilder footer = new StringBuilder("<a href=\"").append(Html.escape(unsubscribe))
                .append("\" style=\"color:#555555;\">Se désinscrire en un clic</a>");
        text.append("-- \nSe désinscrire en un clic : ").append(unsubscribe).append("\n");
        if (measures(to)) {
            String withdraw = links.withdrawAudienceMeasurement(federation.id(), to.contactId());
            footer.append(" · <a href=\"").append(Html.escape(withdraw))
                    .append("\" style=\"color:#555555;\">Ne plus mesurer l'ouverture de mes e-mails</a>");
            text.append("Ne plus mesurer l'ouverture de mes e-mails : ").append(withdraw).append("\n");
            // CNIL deliberation 2026-042: the per-person pixel only with its own consent.
            html.append("<img src=\"").append(Html.escape(tracking.pixel(federation.id(), nl.getId(), to.contactId())))
                    .append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px;\">");
        }
        footer.append("<br>");
        text.append(Layout.legalText(federation, brand)).append("\n"); // it starts with the federation's name
        String subject = fillName(withNameSlot(nl.getSubject()), plainName(to));
        Map<String, String> headers = new LinkedHashMap<>();
        if (real) {
            headers.putAll(ListHeaders.of(federation, mailDomain, unsubscribe));
            headers.put(MESSAGE_HEADER, federation.id() + "." + nl.getId() + "." + to.contactId() + (measures(to) ? ".m" : ""));
        }
        return new EmailMessage(Mailboxes.format(federation.displayName(), federation.senderAddress()), to.email(), subject,
                Layout.email(federation, nl.getPreheader() == null ? "" : nl.getPreheader(), subject,
                        fillName(html.toString(), Html.escape(plainName(to))), footer.toString()),
                fillName(text.toString(), plainName(to)), headers);
    }

    /**
     * Whether this recipient's email carries the open pixel (a real contact consenting to audience measurement): the
     * dispatcher counts them as measured, and the message header says so ({@code .m}) for SES's own Send event.
     */
    public static boolean measures(Recipient to) {
        return to.contactId() != null && to.audienceConsent();
    }

    /** The volunteer's text with the placeholder for the name (and without any stray placeholder character). */
    private static String withNameSlot(String value) {
        return value.replace(NAME_SLOT, "").replace(FIRST_NAME, NAME_SLOT);
    }

    private static String plainName(Recipient to) {
        return to.firstName() == null ? "" : fr.eterrain.core.mail.EmailMessage.oneLine(to.firstName());
    }

    /** The name, already in the output's own form, where the placeholder is; no name leaves no dangling space. */
    private static String fillName(String rendered, String name) {
        if (name.isEmpty()) {
            return rendered.replace(" " + NAME_SLOT, "").replace(NAME_SLOT + " ", "").replace(NAME_SLOT, "");
        }
        return rendered.replace(NAME_SLOT, name);
    }
}
