package fr.eterrain.core.newsletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.mail.EmailMessage;
import fr.eterrain.core.testing.TestCore;
import fr.eterrain.core.tracking.TrackingLinks;
import fr.eterrain.core.tracking.TrackingToken;
import fr.eterrain.core.tracking.TrackingTokens;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewsletterRendererTest {
    private final TestCore core = new TestCore();
    private final TrackingTokens tokens = new TrackingTokens(Map.of("k1", TestCore.key("token")));
    private final NewsletterRenderer renderer = new NewsletterRenderer(core.links, new TrackingLinks(TestCore.BASE_URL, tokens), "e-terrain.test");
    private final Federation fed = core.federations.require("06");

    private Newsletter newsletter() {
        Newsletter nl = new Newsletter();
        nl.setId("n1");
        nl.setSubject("Bonjour {{firstName}}, la lettre de décembre");
        nl.setPreheader("Réunion publique jeudi");
        nl.setBlocks(Json.parse("""
                [{"type":"heading","text":"Réunion <publique>"},
                 {"type":"text","markdown":"Chère {{firstName}},\\n\\nVenez **nombreux** : [programme](https://exemple.fr/prog) et <script>alert(1)</script>\\n\\n- un\\n- deux [carte](https://exemple.fr/carte)"},
                 {"type":"button","label":"Je viens","url":"https://exemple.fr/inscription"}]
                """));
        nl.setLinks(Blocks.links(nl.getBlocks()));
        nl.setCreatedAt(Instant.now());
        return nl;
    }

    @Test
    void userTextIsEscapedAndLinksAreRewrittenToTheirSignedRedirect() {
        Newsletter nl = newsletter();
        assertEquals(3, nl.getLinks().size());
        EmailMessage m = renderer.render(fed, nl, new Recipient("c42", "marie@exemple.fr", "Marie", false));
        assertEquals("Bonjour Marie, la lettre de décembre", m.subject());
        assertTrue(m.html().contains("Réunion &lt;publique&gt;"));
        assertTrue(m.html().contains("&lt;script&gt;"));
        assertFalse(m.html().contains("<script>"));
        assertFalse(m.html().contains("https://exemple.fr/prog\""), "no raw link left");
        assertTrue(m.html().contains("<strong>nombreux</strong>"));
        String[] parts = m.html().split("/v1/c/");
        assertEquals(4, parts.length, "each of the three links rewritten");
        for (int i = 1; i < parts.length; i++) {
            String token = parts[i].substring(0, parts[i].indexOf('"'));
            TrackingToken t = tokens.verify(token).orElseThrow();
            assertEquals("c42", t.contactId());
            assertTrue(t.linkIndex() >= 0 && t.linkIndex() < nl.getLinks().size());
        }
        assertTrue(m.text().contains("/v1/c/"), "the plain-text part too");
    }

    @Test
    void listHeadersExactlyOnceAndThePixelOnlyWithConsent() {
        EmailMessage without = renderer.render(fed, newsletter(), new Recipient("c1", "a@exemple.fr", null, false));
        EmailMessage with = renderer.render(fed, newsletter(), new Recipient("c2", "b@exemple.fr", "B", true));
        assertFalse(without.html().contains("/v1/o/"), "no pixel without audience-measurement consent");
        assertTrue(with.html().contains("/v1/o/"));
        assertTrue(with.html().contains("scope=audience"), "a way to withdraw that consent");
        assertEquals("List-Unsubscribe=One-Click", without.headers().get("List-Unsubscribe-Post"));
        String unsubscribe = without.headers().get("List-Unsubscribe");
        assertTrue(unsubscribe.startsWith("<" + TestCore.BASE_URL + "/v1/unsubscribe?t="));
        assertTrue(without.html().contains("Se désinscrire en un clic"), "a visible link");
        assertEquals("06.n1.c1", without.headers().get(NewsletterRenderer.MESSAGE_HEADER));
        assertEquals("06.n1.c2.m", with.headers().get(NewsletterRenderer.MESSAGE_HEADER), "measured: SES's Send event says so too");
        assertEquals("Bonjour, la lettre de décembre", without.subject(), "no first name, no dangling space");
    }

    @Test
    void previewsKeepTheOriginalLinksAndTrackNothing() {
        EmailMessage preview = renderer.render(fed, newsletter(), Recipient.sample("x@exemple.fr"));
        assertTrue(preview.html().contains("https://exemple.fr/prog"));
        assertFalse(preview.html().contains("/v1/o/"));
        assertTrue(preview.headers().isEmpty());
    }

    @Test
    void aFirstNameIsDataNeverMarkupInTheHtmlAndTheTextPart() {
        String name = "[Votre carte expire](https://phish.example/carte) **<b>vite</b>**";
        EmailMessage m = renderer.render(fed, newsletter(), new Recipient("c42", "marie@exemple.fr", name, false));
        assertFalse(m.html().contains("href=\"https://phish.example"), "no link made of a name");
        assertFalse(m.html().contains("<b>"), "no markup made of a name");
        assertFalse(m.html().contains("<strong>&lt;b"), "no emphasis made of a name");
        assertTrue(m.html().contains("Chère [Votre carte expire](https://phish.example/carte) **&lt;b&gt;vite&lt;/b&gt;**,"),
                "the name shown as typed, escaped: " + m.html());
        assertEquals(4, m.html().split("/v1/c/").length, "the newsletter's own three links only");
        assertTrue(m.text().contains("Chère " + name + ","), "the plain text says the name as typed");
        assertEquals(3, m.text().split("/v1/c/").length - 1, "no tracked link made of a name in the plain text");
    }

    @Test
    void aFirstNameInALinkLabelIsPersonalisedAsText() {
        Newsletter nl = newsletter();
        nl.setBlocks(Json.parse("[{\"type\":\"text\",\"markdown\":\"[Bonjour {{firstName}}](https://exemple.fr/prog)\"}]"));
        nl.setLinks(Blocks.links(nl.getBlocks()));
        EmailMessage m = renderer.render(fed, nl, new Recipient("c42", "marie@exemple.fr", "<i>Zoé</i>", false));
        assertTrue(m.html().contains(">Bonjour &lt;i&gt;Zoé&lt;/i&gt;</a>"), m.html());
        assertTrue(m.html().contains("/v1/c/"));
    }

    @Test
    void aSubjectNeverCarriesALineBreak() {
        Newsletter nl = newsletter();
        EmailMessage m = renderer.render(fed, nl, new Recipient("c42", "marie@exemple.fr", "Marie\r\nBcc: tous@exemple.fr", false));
        assertFalse(m.subject().contains("\r") || m.subject().contains("\n"), m.subject());
        EmailMessage direct = new EmailMessage("a@b.fr", "c@d.fr", "Sujet\nBcc: x@y.fr\u2028suite", "<p>x</p>", "x", Map.of());
        assertEquals("Sujet Bcc: x@y.fr suite", direct.subject());
    }

    @Test
    void thePlainTextPartNamesTheFederationOnce() {
        EmailMessage m = renderer.render(fed, newsletter(), new Recipient("c42", "marie@exemple.fr", "Marie", false));
        assertEquals(1, m.text().split(java.util.regex.Pattern.quote(fed.displayName()), -1).length - 1, m.text());
        assertTrue(m.text().contains("responsable de traitement"));
    }

    @Test
    void imagesNeverWidenTheLayoutEvenWhenTheirFileDoesNotLoad() {
        Newsletter nl = newsletter();
        nl.setBlocks(Json.parse("[{\"type\":\"image\",\"url\":\"https://exemple.fr/affiche.png\",\"alt\":\"Affiche\"}]"));
        nl.setLinks(Blocks.links(nl.getBlocks()));
        String html = renderer.render(fed, nl, new Recipient("c42", "marie@exemple.fr", "Marie", false)).html();
        String img = html.substring(html.indexOf("<img src=\"https://exemple.fr/affiche.png"));
        img = img.substring(0, img.indexOf('>'));
        // A broken image keeps its width attribute and ignores max-width:100%: width:100% scales it to the column.
        assertTrue(img.contains("width:100%") && img.contains("max-width:552px") && img.contains("height:auto"), img);
        assertTrue(img.contains("width=\"552\""), "Outlook sizes images by their attribute: " + img);
        assertTrue(html.contains("<!--[if mso]>"), "Outlook ignores max-width: a fixed-width table for it alone");
    }
}
