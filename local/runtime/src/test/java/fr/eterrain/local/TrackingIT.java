package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.NewsletterKeys;
import fr.eterrain.core.security.Secrets;
import fr.eterrain.core.store.TableLayout;
import fr.eterrain.core.tracking.TrackingLinks;
import fr.eterrain.core.tracking.TrackingToken;
import fr.eterrain.core.tracking.TrackingTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Tracking end to end: a newsletter sent through the local runtime, then its pixels and links fetched as people,
 * privacy proxies and scanners would, and the statistics API read back, exact to the unit.
 */
class TrackingIT {
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
    private static final String FED = "29";
    private static final String LINK0 = "https://exemple.fr/programme";
    private static final String LINK1 = "https://exemple.fr/inscription?ref=lettre&x=1";

    private final TestStack stack = TestStack.get();
    private final Sends sends = new Sends(stack);
    private final TrackingTokens tokens = new TrackingTokens(Secrets.tokenKeys(stack.settings()));
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<byte[]> fetch(String method, String url, String agent) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("user-agent", agent).build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            stack.checkContract(method, request.uri(), null, null, response);
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> open(String url, String agent) {
        HttpResponse<byte[]> response = fetch("GET", url, agent);
        assertEquals(200, response.statusCode());
        assertEquals("image/gif", response.headers().firstValue("content-type").orElse(""));
        assertEquals("no-store", response.headers().firstValue("cache-control").orElse(""));
        assertEquals("GIF89a", new String(response.body(), 0, 6, java.nio.charset.StandardCharsets.US_ASCII));
        return response;
    }

    private String click(String method, String url, String agent) {
        HttpResponse<byte[]> response = fetch(method, url, agent);
        assertEquals(302, response.statusCode(), url);
        return response.headers().firstValue("location").orElseThrow();
    }

    private void assertNoRedirect(String url) {
        HttpResponse<byte[]> response = fetch("GET", url, BROWSER);
        assertEquals(404, response.statusCode(), url);
        assertTrue(response.headers().firstValue("location").isEmpty(), "never a redirect: " + url);
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/html"));
    }

    /** Click links of an email by link index, read from their tokens. */
    private Map<Integer, String> clickLinks(JsonNode email) {
        Map<Integer, String> links = new LinkedHashMap<>();
        for (String link : Emails.links(email)) {
            if (link.contains("/v1/c/")) {
                TrackingToken t = tokens.verify(link.substring(link.indexOf("/v1/c/") + 6)).orElseThrow();
                links.put(t.linkIndex(), link);
            }
        }
        return links;
    }

    private static Optional<String> pixel(JsonNode email) {
        return Emails.links(email).stream().filter(l -> l.contains("/v1/o/")).findFirst();
    }

    /** Time passing for one recipient: the delivery is an hour old, past the scanners' window. */
    private void deliveredAnHourAgo(String newsletterId, String contactId) {
        deliveredAt(newsletterId, contactId, Instant.now().minus(Duration.ofHours(1)));
    }

    private void deliveredAt(String newsletterId, String contactId, Instant at) {
        sends.contacts().platform().clients().dynamo().updateItem(r -> r
                .tableName(new TableLayout(stack.settings().tablePrefix()).federationTable(FED))
                .key(Map.of(TableLayout.PK, AttributeValue.fromS(NewsletterKeys.pk(newsletterId)),
                        TableLayout.SK, AttributeValue.fromS(NewsletterKeys.recipient(contactId))))
                .updateExpression("SET deliveredAt = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(at.toString()))));
    }

    /** Per-person tracking items the table holds for a contact. */
    private List<String> trackingItems(String contactId) {
        return sends.contacts().platform().clients().dynamo().query(r -> r
                        .tableName(new TableLayout(stack.settings().tablePrefix()).federationTable(FED))
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :t)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CONTACT#" + contactId),
                                ":t", AttributeValue.fromS("TRACK#"))))
                .items().stream().map(i -> i.get("sk").s()).sorted().toList();
    }

    private JsonNode stats(String path, String key) {
        HttpResponse<String> response = stack.get(path, TestStack.bearer(key));
        assertEquals(200, response.statusCode(), response.body());
        return Json.parse(response.body());
    }

    @Test
    void afterASendPixelsAndLinksUpdateTheStatisticsExactly() throws Exception {
        String alice = TestStack.uniqueEmail("alice");
        String bob = TestStack.uniqueEmail("bob");
        String carol = TestStack.uniqueEmail("carol");
        String subject = "Lettre suivie " + alice.substring(6, 14);
        Map<String, Boolean> people = new LinkedHashMap<>();
        people.put(alice, true);
        people.put(bob, false);
        people.put(carol, true);
        Sends.Sent sent = sends.send(FED, people, subject, LINK0, LINK1);
        String nl = sent.newsletterId();
        String aliceId = sent.recipients().get(alice);
        String bobId = sent.recipients().get(bob);
        String carolId = sent.recipients().get(carol);
        JsonNode aliceMail = sends.email(alice, subject);
        JsonNode bobMail = sends.email(bob, subject);
        JsonNode carolMail = sends.email(carol, subject);
        assertTrue(pixel(bobMail).isEmpty(), "no pixel without audience-measurement consent");
        String alicePixel = pixel(aliceMail).orElseThrow();
        Map<Integer, String> aliceLinks = clickLinks(aliceMail);
        Map<Integer, String> bobLinks = clickLinks(bobMail);
        assertEquals(List.of(0, 1), List.copyOf(aliceLinks.keySet()), "every link is tracked");
        deliveredAnHourAgo(nl, aliceId);
        deliveredAnHourAgo(nl, bobId);

        // Alice (consenting): two opens, three clicks on two links.
        open(alicePixel, BROWSER);
        open(alicePixel, BROWSER);
        Instant beforeClicks = Instant.now();
        assertEquals(LINK0, click("GET", aliceLinks.get(0), BROWSER));
        assertEquals(LINK0, click("GET", aliceLinks.get(0), BROWSER));
        assertEquals(LINK1, click("GET", aliceLinks.get(1), BROWSER));
        // Bob (not consenting): a pixel from an older email of his, a click: counted, but not as him.
        String bobPixel = new TrackingLinks(stack.apiUrl(), tokens).pixel(FED, nl, bobId);
        open(bobPixel, BROWSER);
        assertEquals(LINK1, click("GET", bobLinks.get(1), BROWSER));
        assertEquals(List.of(), trackingItems(bobId), "nothing personal for Bob");

        // Machines: a link scanner's HEAD and its known agent, a click seconds after delivery, Apple's prefetch.
        assertEquals(LINK0, click("HEAD", aliceLinks.get(0), BROWSER));
        assertEquals(LINK0, click("GET", aliceLinks.get(0), "Mozilla/5.0 (compatible; Mimecast URL protection)"));
        deliveredAt(nl, carolId, Instant.now());
        assertEquals(LINK0, click("GET", clickLinks(carolMail).get(0), BROWSER));
        open(pixel(carolMail).orElseThrow(), "Mozilla/5.0");
        assertEquals(List.of(), trackingItems(carolId), "machines leave nothing about Carol");

        // Forged, truncated, foreign: a 404 page, never a redirect. A bad pixel is still a GIF.
        String token = aliceLinks.get(0).substring(aliceLinks.get(0).indexOf("/v1/c/") + 6);
        String base = stack.apiUrl() + "/v1/c/";
        char last = token.charAt(token.length() - 1);
        assertNoRedirect(base + token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'));
        assertNoRedirect(base + token.substring(0, token.length() - 3));
        assertNoRedirect(base + "https%3A%2F%2Fevil.example");
        assertNoRedirect(base + tokens.issue(new TrackingToken("13", nl, aliceId, 0)));
        assertNoRedirect(base + tokens.issue(new TrackingToken(FED, nl, aliceId, 7)));
        assertNoRedirect(base + tokens.issue(new TrackingToken(FED, nl, aliceId, TrackingToken.PIXEL)));
        open(stack.apiUrl() + "/v1/o/" + token, BROWSER);
        open(stack.apiUrl() + "/v1/o/not-a-token", BROWSER);

        // Alice withdraws audience measurement from her email: her next open is anonymous.
        String withdraw = Emails.links(aliceMail).stream().filter(l -> l.contains("scope=audience")).findFirst().orElseThrow();
        assertEquals(200, stack.post(withdraw, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click").statusCode());
        open(alicePixel, BROWSER);
        // Bob unsubscribes from this newsletter, twice: counted once.
        String unsubscribe = Emails.links(bobMail).stream().filter(l -> l.contains("/v1/unsubscribe") && l.contains("&n=" + nl))
                .findFirst().orElseThrow();
        assertTrue(stack.get(unsubscribe).body().contains("&amp;n=" + nl + "\""), "the page's button keeps the newsletter");
        assertEquals(200, stack.post(unsubscribe, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click").statusCode());
        assertEquals(200, stack.post(unsubscribe, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click").statusCode());

        JsonNode s = stats("/v1/federations/" + FED + "/newsletters/" + nl + "/stats", sent.key());
        assertEquals(3, s.at("/delivery/delivered").asLong());
        assertEquals(1, s.at("/opens/unique").asLong());
        assertEquals(4, s.at("/opens/total").asLong(), "Alice twice, Bob, Alice after withdrawing");
        assertEquals(2, s.at("/opens/anonymous").asLong());
        assertEquals(1, s.at("/opens/machine").asLong());
        assertEquals(1, s.at("/clicks/unique").asLong());
        assertEquals(4, s.at("/clicks/total").asLong());
        assertEquals(1, s.at("/clicks/anonymous").asLong());
        assertEquals(3, s.at("/clicks/machine").asLong());
        assertEquals(LINK0, s.at("/links/0/url").asText());
        assertEquals(2, s.at("/links/0/clicks").asLong());
        assertEquals(1, s.at("/links/0/uniqueClicks").asLong());
        assertEquals(3, s.at("/links/0/machineClicks").asLong());
        assertEquals(2, s.at("/links/1/clicks").asLong());
        assertEquals(1, s.at("/links/1/uniqueClicks").asLong());
        assertEquals(1, s.at("/unsubscribes").asLong());
        // Scanners and proxies are excluded from the rates, which are over the two measured (Alice and Carol carried
        // the pixel): one of them opened, one clicked.
        assertEquals(2, s.at("/delivery/measured").asLong());
        assertEquals(0.5, s.at("/rates/open").asDouble());
        assertEquals(0.5, s.at("/rates/click").asDouble());
        assertEquals(1.0, s.at("/rates/clickToOpen").asDouble());
        assertEquals(0.3333, s.at("/rates/unsubscribe").asDouble());
        assertEquals(8, s.at("/engagement/events").asLong(), "people's opens and clicks, consenting or not; no machine");

        // Only Alice's own first open and clicks are kept about her, and they expire.
        assertEquals(List.of("TRACK#" + nl + "#CLICK", "TRACK#" + nl + "#CLICK#0", "TRACK#" + nl + "#CLICK#1", "TRACK#" + nl + "#OPEN"),
                trackingItems(aliceId));
        Map<String, AttributeValue> marker = sends.contacts().platform().clients().dynamo().getItem(r -> r
                .tableName(new TableLayout(stack.settings().tablePrefix()).federationTable(FED))
                .key(Map.of("pk", AttributeValue.fromS("CONTACT#" + aliceId), "sk", AttributeValue.fromS("TRACK#" + nl + "#OPEN")))).item();
        long ttl = Long.parseLong(marker.get("expiresAt").n());
        assertTrue(ttl > Instant.now().plus(Duration.ofDays(390)).getEpochSecond() && ttl < Instant.now().plus(Duration.ofDays(400)).getEpochSecond());
        assertFalse(marker.containsKey("ip") || marker.containsKey("userAgent"));
        // Her click is an interaction that counts for retention.
        JsonNode aliceContact = sends.contacts().find(FED, alice);
        assertFalse(Instant.parse(aliceContact.get("lastActiveAt").asText()).isBefore(beforeClicks));

        // The federation's report and the CSV exports carry the same figures.
        JsonNode federation = stats("/v1/federations/" + FED + "/stats", sent.key());
        JsonNode row = null;
        for (JsonNode n : federation.get("newsletters")) {
            row = n.get("id").asText().equals(nl) ? n : row;
        }
        assertEquals(1, row.at("/opens/unique").asLong());
        assertEquals(3, row.at("/clicks/machine").asLong());
        HttpResponse<String> csv = stack.get("/v1/federations/" + FED + "/newsletters/" + nl + "/stats?format=csv", TestStack.bearer(sent.key()));
        assertEquals("link_index,url,unique_clicks,clicks,machine_clicks\r\n0," + LINK0 + ",1,2,3\r\n1," + LINK1 + ",1,2,0\r\n", csv.body());
        assertTrue(stack.get("/v1/federations/" + FED + "/stats?format=csv", TestStack.bearer(sent.key())).body().contains(nl + "," + subject + ","));
        JsonNode national = stats("/v1/national/stats", stack.issueKey("HQ"));
        JsonNode ours = null;
        for (JsonNode f : national.get("federations")) {
            ours = f.get("id").asText().equals(FED) ? f : ours;
        }
        assertTrue(ours.at("/opens/unique").asLong() >= 1);
        assertEquals(403, stack.get("/v1/national/stats", TestStack.bearer(sent.key())).statusCode(), "national figures are HQ's");

        // Her export (right of access) lists them.
        JsonNode export = Json.parse(stack.get("/v1/federations/" + FED + "/contacts/" + aliceId + "/export",
                TestStack.bearer(sent.key())).body());
        assertEquals(4, export.get("trackingEvents").size(), export.toString());
        assertEquals(nl, export.at("/trackingEvents/0/newsletterId").asText());
        assertEquals("CLICK", export.at("/trackingEvents/0/event").asText());

        // Erasing Alice removes her tracking items with the rest; the aggregates stay.
        assertEquals(204, stack.send("DELETE", "/v1/federations/" + FED + "/contacts/" + aliceId, null, null,
                TestStack.bearer(sent.key())).statusCode());
        assertEquals(List.of(), trackingItems(aliceId));
        assertEquals(1, stats("/v1/federations/" + FED + "/newsletters/" + nl + "/stats", sent.key()).at("/opens/unique").asLong());
    }

    /**
     * Found when tried as a new user would: three delivered, one carrying the pixel (the only one who consented), one
     * open. The rates are over the one measured recipient, not the three.
     */
    @Test
    void openAndClickRatesAreOverTheRecipientsWhoseEmailCarriedThePixel() throws Exception {
        Map<String, Boolean> people = new LinkedHashMap<>();
        String measured = TestStack.uniqueEmail("mesure");
        people.put(measured, true);
        people.put(TestStack.uniqueEmail("nonmesure"), false);
        people.put(TestStack.uniqueEmail("nonmesure"), false);
        String subject = "Lettre mesurée " + measured.substring(7, 15);
        Sends.Sent sent = sends.send(FED, people, subject, LINK0, LINK1);
        String id = sent.recipients().get(measured);
        deliveredAnHourAgo(sent.newsletterId(), id);
        open(pixel(sends.email(measured, subject)).orElseThrow(), BROWSER);

        String path = "/v1/federations/" + FED + "/newsletters/" + sent.newsletterId() + "/stats";
        JsonNode s = stats(path, sent.key());
        assertEquals(3, s.at("/delivery/delivered").asLong());
        assertEquals(1, s.at("/delivery/measured").asLong(), "measured: the recipients whose email carried the pixel");
        assertEquals(1.0, s.at("/rates/open").asDouble());
        assertEquals(0.0, s.at("/rates/click").asDouble());
        JsonNode nl = Json.parse(stack.get("/v1/federations/" + FED + "/newsletters/" + sent.newsletterId(),
                TestStack.bearer(sent.key())).body());
        assertEquals(1, nl.at("/progress/measured").asLong());
    }

    @Test
    void concurrentHitsCountEveryOpenAndClickButThePersonOnce() throws Exception {
        String dave = TestStack.uniqueEmail("dave");
        String subject = "Lettre simultanée " + dave.substring(5, 13);
        Sends.Sent sent = sends.send(FED, Map.of(dave, true), subject, LINK0, LINK1);
        String daveId = sent.recipients().get(dave);
        deliveredAnHourAgo(sent.newsletterId(), daveId);
        JsonNode mail = sends.email(dave, subject);
        String pixel = pixel(mail).orElseThrow();
        String link = clickLinks(mail).get(0);
        int hits = 12;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(hits);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < hits; i++) {
                done.add(pool.submit(() -> open(pixel, BROWSER)));
                done.add(pool.submit(() -> assertEquals(LINK0, click("GET", link, BROWSER))));
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode s = stats("/v1/federations/" + FED + "/newsletters/" + sent.newsletterId() + "/stats", sent.key());
        assertEquals(1, s.at("/opens/unique").asLong());
        assertEquals(hits, s.at("/opens/total").asLong());
        assertEquals(1, s.at("/clicks/unique").asLong());
        assertEquals(hits, s.at("/clicks/total").asLong());
        assertEquals(1, s.at("/links/0/uniqueClicks").asLong());
        assertEquals(0, s.at("/opens/anonymous").asLong() + s.at("/clicks/machine").asLong());
    }

    @Test
    void theConsoleIsServedAtTheRootWithItsSecurityHeadersAndTheOldStatisticsPageRedirects() throws Exception {
        HttpResponse<byte[]> page = fetch("GET", stack.apiUrl() + "/", BROWSER);
        assertEquals(200, page.statusCode());
        assertTrue(new String(page.body(), java.nio.charset.StandardCharsets.UTF_8).contains("src=\"src/app.js\""));
        JsonNode declared = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(ProjectRoot.find().resolve("web/security-headers.json").toFile()).path("headers");
        declared.properties().forEach(h -> assertEquals(h.getValue().asText(),
                page.headers().firstValue(h.getKey()).orElse(null), h.getKey()));
        assertTrue(page.headers().firstValue("content-security-policy").orElse("").contains("frame-ancestors 'none'"));
        assertEquals(404, fetch("GET", stack.apiUrl() + "/../pom.xml", BROWSER).statusCode());
        assertEquals(404, fetch("GET", stack.apiUrl() + "/%2e%2e/%2e%2e/pom.xml", BROWSER).statusCode());
        assertEquals(404, fetch("GET", stack.apiUrl() + "/package.json", BROWSER).statusCode());
        assertEquals(404, fetch("GET", stack.apiUrl() + "/node_modules/htm/package.json", BROWSER).statusCode());
        HttpResponse<byte[]> stats = fetch("GET", stack.apiUrl() + "/stats/", BROWSER);
        assertEquals(200, stats.statusCode());
        assertTrue(new String(stats.body(), java.nio.charset.StandardCharsets.UTF_8).contains("redirect.js"));
        assertEquals(404, fetch("POST", stack.apiUrl() + "/v1/nowhere", BROWSER).statusCode());
    }
}
