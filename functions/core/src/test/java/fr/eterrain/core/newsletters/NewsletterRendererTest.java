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
        assertEquals("Bonjour, la lettre de décembre", without.subject(), "no first name, no dangling space");
    }

    @Test
    void previewsKeepTheOriginalLinksAndTrackNothing() {
        EmailMessage preview = renderer.render(fed, newsletter(), Recipient.sample("x@exemple.fr"));
        assertTrue(preview.html().contains("https://exemple.fr/prog"));
        assertFalse(preview.html().contains("/v1/o/"));
        assertTrue(preview.headers().isEmpty());
    }
}
