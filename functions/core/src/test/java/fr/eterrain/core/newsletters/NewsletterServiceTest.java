package fr.eterrain.core.newsletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.federation.Federation;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.testing.Fakes;
import fr.eterrain.core.testing.InMemoryNewsletterStore;
import fr.eterrain.core.testing.TestCore;
import fr.eterrain.core.tracking.TrackingLinks;
import fr.eterrain.core.tracking.TrackingTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a coordinator can do with a draft, over the in-memory fakes. */
class NewsletterServiceTest {
    private final TestCore core = new TestCore();
    private final Federation fed06 = core.federations.require("06");
    private final InMemoryNewsletterStore store = new InMemoryNewsletterStore();
    private final Fakes.ListBlackouts blackoutList = new Fakes.ListBlackouts();
    private final List<Blackout> blackouts = blackoutList.list;
    private final List<String> paused = new ArrayList<>();
    private final NewsletterService service = new NewsletterService(store, core.store,
            new NewsletterRenderer(core.links, new TrackingLinks(TestCore.BASE_URL,
                    new TrackingTokens(Map.of("k1", TestCore.key("token")))), "e-terrain.test"),
            core.mailer, blackoutList, new Fakes.NoActiveSends(), reputation(), core.events, core.clock, core.rateLimiter, core.hash);

    private Reputation reputation() {
        return new Reputation() {
            @Override
            public void recordSent(String federation, int count) {
            }

            @Override
            public void recordProblem(String federation, boolean complaint) {
            }

            @Override
            public Optional<String> paused(String federation) {
                return paused.contains(federation) ? Optional.of("Envois suspendus : trop de plaintes.") : Optional.empty();
            }

            @Override
            public void resume(String federation) {
                paused.remove(federation);
            }
        };
    }

    private static JsonNode draft(String blocks) {
        return Json.parse("{\"subject\":\"La lettre\",\"blocks\":" + blocks + "}");
    }

    private static final String HTTPS_BLOCKS = """
            [{"type":"heading","text":"Bonjour"},
             {"type":"text","markdown":"Lisez [le programme](https://exemple.fr/programme)."},
             {"type":"image","url":"https://exemple.fr/affiche.png","alt":"Affiche","link":"https://exemple.fr/agenda"},
             {"type":"button","label":"Je participe","url":"https://exemple.fr/inscription"}]
            """;

    @Test
    void newsletterLinksAreHttpsOnlyAndARefusalNamesTheBlockField() {
        service.create(fed06, draft(HTTPS_BLOCKS));
        Object[][] cases = {
                {"\"url\":\"https://exemple.fr/inscription\"", "\"url\":\"http://exemple.fr/inscription\"", "blocks[3].url"},
                {"\"link\":\"https://exemple.fr/agenda\"", "\"link\":\"http://exemple.fr/agenda\"", "blocks[2].link"},
                {"(https://exemple.fr/programme)", "(http://exemple.fr/programme)", "blocks[1].markdown"},
                {"(https://exemple.fr/programme)", "(HTTP://exemple.fr/programme)", "blocks[1].markdown"},
                // A host that only starts like the loopback is anyone's host.
                {"\"url\":\"https://exemple.fr/inscription\"", "\"url\":\"http://localhost.exemple.fr/inscription\"", "blocks[3].url"},
                {"(https://exemple.fr/programme)", "(http://127.0.0.1.exemple.fr/programme)", "blocks[1].markdown"},
        };
        for (Object[] c : cases) {
            JsonNode body = draft(HTTPS_BLOCKS.replace((String) c[0], (String) c[1]));
            ApiException e = assertThrows(ApiException.class, () -> service.create(fed06, body), (String) c[1]);
            assertEquals(400, e.status());
            assertEquals("insecure_link", e.code());
            assertEquals(c[2], e.field());
        }
        assertEquals(1, service.list(fed06, 10).size(), "nothing saved from a refused draft");
        Newsletter nl = service.list(fed06, 10).get(0);
        JsonNode insecure = draft(HTTPS_BLOCKS.replace("https://exemple.fr/inscription", "http://exemple.fr/inscription"));
        ApiException e = assertThrows(ApiException.class, () -> service.update(fed06, nl.getId(), insecure));
        assertEquals("blocks[3].url", e.field());
        assertTrue(core.mailer.sent.isEmpty());
        core.clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void aLocalStacksOwnLoopbackPagesMayBeLinkedOverPlainHttp() {
        // A national selection's draft links to the stack's own pages, which a local stack serves over plain http.
        JsonNode local = draft(HTTPS_BLOCKS.replace("https://exemple.fr/inscription", "http://localhost:3000/v1/contents/06/abc/page")
                .replace("https://exemple.fr/programme", "http://127.0.0.1:3000/v1/contents/06/abc/page"));
        Newsletter saved = service.create(fed06, local);
        assertTrue(saved.getLinks().contains("http://localhost:3000/v1/contents/06/abc/page"));
    }

    private Newsletter draftSaved() {
        return service.create(fed06, draft(HTTPS_BLOCKS));
    }

    private static JsonNode addresses(String... addresses) {
        com.fasterxml.jackson.databind.node.ArrayNode list = Json.array();
        for (String a : addresses) {
            list.add(a);
        }
        return list;
    }

    @Test
    void aTestSendObeysBlackoutsAndReputationPauses() {
        Newsletter nl = draftSaved();
        blackouts.add(new Blackout("b1", core.clock.instant().minusSeconds(60), core.clock.instant().plusSeconds(3600),
                "Silence électoral", List.of()));
        ApiException blackout = assertThrows(ApiException.class, () -> service.testSend(fed06, nl.getId(), addresses("relecture@exemple.fr")));
        assertEquals(409, blackout.status());
        assertEquals("blackout", blackout.code());
        blackouts.clear();
        paused.add("06");
        ApiException pause = assertThrows(ApiException.class, () -> service.testSend(fed06, nl.getId(), addresses("relecture@exemple.fr")));
        assertEquals(409, pause.status());
        assertEquals("sending_paused", pause.code());
        assertTrue(core.mailer.sent.isEmpty(), "no test email leaves during a blackout or a pause");
        paused.clear();
        assertEquals(1, service.testSend(fed06, nl.getId(), addresses("relecture@exemple.fr")).sent());
    }

    @Test
    void aTestSendSkipsSuppressedAddresses() {
        Newsletter nl = draftSaved();
        core.store.suppress("06", core.hash.email("parti@exemple.fr"), "complaint", core.clock.instant());
        NewsletterService.TestSend result = service.testSend(fed06, nl.getId(), addresses("relecture@exemple.fr", "Parti@Exemple.fr"));
        assertEquals(1, result.sent());
        assertEquals(1, result.skipped());
        assertEquals(List.of("relecture@exemple.fr"), core.mailer.sent.stream().map(m -> m.to()).toList());
    }

    @Test
    void testSendsAreLimitedToTwentyAnHourPerFederation() {
        Newsletter nl = draftSaved();
        for (int i = 0; i < 4; i++) {
            service.testSend(fed06, nl.getId(), addresses("a" + i + "@exemple.fr", "b" + i + "@exemple.fr", "c" + i + "@exemple.fr",
                    "d" + i + "@exemple.fr", "e" + i + "@exemple.fr"));
        }
        assertEquals(NewsletterService.TEST_SENDS_PER_HOUR, core.mailer.sent.size());
        ApiException e = assertThrows(ApiException.class, () -> service.testSend(fed06, nl.getId(), addresses("encore@exemple.fr")));
        assertEquals(429, e.status());
        assertEquals(NewsletterService.TEST_SENDS_PER_HOUR, core.mailer.sent.size());
        Federation fed13 = core.federations.require("13");
        Newsletter other = service.create(fed13, draft(HTTPS_BLOCKS));
        assertEquals(1, service.testSend(fed13, other.getId(), addresses("relecture@exemple.fr")).sent(), "per federation");
    }

    @Test
    void testSendsCarryAReferenceSoTheirBouncesAndComplaintsCount() {
        Newsletter nl = draftSaved();
        service.testSend(fed06, nl.getId(), addresses("relecture@exemple.fr"));
        fr.eterrain.core.mail.EmailMessage m = core.mailer.sent.get(0);
        assertTrue(m.subject().startsWith("[TEST] "));
        assertEquals("06.test." + nl.getId(), m.headers().get(NewsletterRenderer.MESSAGE_HEADER));
        assertTrue(!m.html().contains("/v1/o/"), "no tracking");
    }
}
