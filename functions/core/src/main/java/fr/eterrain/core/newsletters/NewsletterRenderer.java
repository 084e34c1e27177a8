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
 */
public final class NewsletterRenderer {
    public static final String FIRST_NAME = "{{firstName}}";
    /** Identifies the message in SES events (feedback loop): federation.newsletter.contact. */
    public static final String MESSAGE_HEADER = "X-Eterrain-Message";

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
                    String heading = personalise(block.path("text").asText(), to);
                    html.append("<h2 style=\"font-size:19px;margin:24px 0 12px 0;color:").append(brand.primaryColor()).append(";\">")
                            .append(Html.escape(heading)).append("</h2>");
                    text.append(heading.toUpperCase(java.util.Locale.FRENCH)).append("\n\n");
                }
                case "text" -> {
                    String markdown = personalise(block.path("markdown").asText(), to);
                    html.append(SafeMarkdown.toHtml(markdown, linkStyle, rewriter));
                    text.append(SafeMarkdown.toText(markdown, rewriter)).append("\n\n");
                }
                case "image" -> {
                    String img = "<img src=\"" + Html.escape(block.path("url").asText()) + "\" alt=\""
                            + Html.escape(block.path("alt").asText()) + "\" width=\"552\" style=\"display:block;max-width:100%;height:auto;border:0;margin:0 0 16px 0;\">";
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
        if (real && to.audienceConsent()) {
            String withdraw = links.withdrawAudienceMeasurement(federation.id(), to.contactId());
            footer.append(" · <a href=\"").append(Html.escape(withdraw))
                    .append("\" style=\"color:#555555;\">Ne plus mesurer l'ouverture de mes e-mails</a>");
            text.append("Ne plus mesurer l'ouverture de mes e-mails : ").append(withdraw).append("\n");
            // CNIL deliberation 2026-042: the per-person pixel only with its own consent.
            html.append("<img src=\"").append(Html.escape(tracking.pixel(federation.id(), nl.getId(), to.contactId())))
                    .append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px;\">");
        }
        footer.append("<br>");
        text.append(federation.displayName()).append(" — ").append(Layout.legalText(federation, brand)).append("\n");
        String subject = personalise(nl.getSubject(), to);
        Map<String, String> headers = new LinkedHashMap<>();
        if (real) {
            headers.putAll(ListHeaders.of(federation, mailDomain, unsubscribe));
            headers.put(MESSAGE_HEADER, federation.id() + "." + nl.getId() + "." + to.contactId());
        }
        return new EmailMessage(Mailboxes.format(federation.displayName(), federation.senderAddress()), to.email(), subject,
                Layout.email(federation, nl.getPreheader() == null ? "" : nl.getPreheader(), subject, html.toString(), footer.toString()),
                text.toString(), headers);
    }

    private static String personalise(String value, Recipient to) {
        String name = to.firstName() == null ? "" : to.firstName();
        return value.replace(FIRST_NAME, name).replace(" ,", ",").replace("  ", " ");
    }
}
