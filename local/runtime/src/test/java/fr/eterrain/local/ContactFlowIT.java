package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole consent flow end to end on the local runtime, as the public and a coordinator see it. */
class ContactFlowIT {
    private final TestStack stack = TestStack.get();
    private final Contacts contacts = new Contacts(stack);

    @Test
    void signUpConfirmSeeItActiveAndUnsubscribeInOneClick() {
        String email = TestStack.uniqueEmail("flow");
        HttpResponse<String> signup = contacts.signup("06", email, true);
        assertEquals(202, signup.statusCode());

        JsonNode confirmation = stack.awaitEmailTo(email);
        assertTrue(confirmation.path("subject").asText().startsWith("Confirmez votre inscription"));
        assertEquals("pending", contacts.find("06", email).get("status").asText());
        HttpResponse<String> confirmed = contacts.confirm(Emails.link(confirmation, "/v1/confirm"));
        assertEquals(200, confirmed.statusCode());
        assertTrue(confirmed.body().contains("Votre inscription est confirmée"));

        JsonNode contact = contacts.find("06", email);
        assertEquals("active", contact.get("status").asText());
        assertTrue(contact.get("consent").get("audienceMeasurement").asBoolean());

        JsonNode welcome = stack.awaitEmailTo(email);
        String header = Emails.header(welcome, "List-Unsubscribe").orElseThrow();
        assertEquals("List-Unsubscribe=One-Click", Emails.header(welcome, "List-Unsubscribe-Post").orElseThrow());
        assertEquals(1, welcome.get("headers").findValues("name").stream().filter(n -> n.asText().equals("List-Unsubscribe")).count());
        String unsubscribe = header.substring(1, header.length() - 1);
        assertTrue(Emails.links(welcome).contains(unsubscribe), "a visible link too");

        HttpResponse<String> page = stack.get(unsubscribe);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form method=\"post\""));
        HttpResponse<String> oneClick = stack.post(unsubscribe, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertEquals(200, oneClick.statusCode());
        assertTrue(oneClick.headers().firstValue("location").isEmpty(), "no redirect (RFC 8058)");
        assertEquals("unsubscribed", contacts.find("06", email).get("status").asText());
        assertEquals(200, stack.post(unsubscribe, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click").statusCode());

        JsonNode export = Json.parse(stack.get("/v1/federations/06/contacts/" + contact.get("id").asText() + "/export",
                TestStack.bearer(stack.issueKey("06"))).body());
        assertEquals(2, export.get("consentLog").size(), "confirmation and withdrawal, once each");
        assertEquals("confirmed", export.get("consentLog").get(0).get("type").asText());
        assertEquals("2026-11", export.get("consentLog").get(0).get("wordingVersion").asText());
        assertFalse(export.get("consentLog").get(0).get("signupIpHash").isNull());
    }

    @Test
    void theAnswerNeverTellsWhetherAnAddressIsKnown() {
        String fresh = TestStack.uniqueEmail("fresh");
        String active = TestStack.uniqueEmail("active");
        String erased = TestStack.uniqueEmail("erased");
        String justSignedUp = TestStack.uniqueEmail("justnow");
        contacts.confirmedContact("06", active, false);
        String erasedId = contacts.confirmedContact("06", erased, false);
        assertEquals(204, stack.send("DELETE", "/v1/federations/06/contacts/" + erasedId, null, null,
                TestStack.bearer(stack.issueKey("06"))).statusCode());
        contacts.forgetThrottle("06", active);
        assertEquals(202, contacts.signup("06", justSignedUp, false).statusCode());
        stack.awaitEmailTo(justSignedUp);
        int erasedEmails = stack.emailsTo(erased).size();

        HttpResponse<String> a = contacts.signup("06", fresh, false);
        HttpResponse<String> b = contacts.signup("06", active, false);
        HttpResponse<String> c = contacts.signup("06", erased, false);
        HttpResponse<String> d = contacts.signup("06", justSignedUp, false);
        assertEquals(202, a.statusCode());
        for (HttpResponse<String> other : List.of(b, c, d)) {
            assertEquals(a.statusCode(), other.statusCode(), "suppressed and throttled addresses are answered like any");
            assertEquals(a.body(), other.body());
            assertEquals(a.headers().map().keySet(), other.headers().map().keySet());
        }
        stack.awaitEvents();
        assertEquals(erasedEmails, stack.emailsTo(erased).size(), "no email to an erased address");
        assertEquals(1, stack.emailsTo(justSignedUp).size(), "no second email within ten minutes");
        assertEquals(1, stack.emailsTo(fresh).size());
    }

    /** A mail gateway fetching every link of the email confirms nobody; the person's press of the button does. */
    @Test
    void aLinkScannerConfirmsNothingAndTheProofIsThePersonsPost() {
        String email = TestStack.uniqueEmail("scanned");
        assertEquals(202, contacts.signup("06", email, true).statusCode());
        String link = Emails.link(stack.awaitEmailTo(email), "/v1/confirm");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> page = stack.get(link, "user-agent", "Mimecast-LinkScanner/2.0");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<form method=\"post\""), "one button");
        }
        assertEquals("pending", contacts.find("06", email).get("status").asText(), "fetching the link confirms nothing");
        assertEquals(1, stack.emailsTo(email).size(), "and welcomes nobody");

        HttpResponse<String> page = stack.get(link);
        HttpResponse<String> pressed = stack.post(Contacts.formAction(link, page.body()), "application/x-www-form-urlencoded", "",
                "user-agent", "Firefox/146 (la personne)");
        assertEquals(200, pressed.statusCode());
        assertTrue(pressed.body().contains("Votre inscription est confirmée"));
        JsonNode contact = contacts.find("06", email);
        assertEquals("active", contact.get("status").asText());
        JsonNode proof = Json.parse(stack.get("/v1/federations/06/contacts/" + contact.get("id").asText() + "/export",
                TestStack.bearer(stack.issueKey("06"))).body()).get("consentLog").get(0);
        assertEquals(contacts.platform().hash().of("user-agent", "Firefox/146 (la personne)"), proof.get("actionUserAgentHash").asText(),
                "the proof is the POST's, not a scanner's GET");
    }

    /** The same inbox, however spelled, signed up to several federations: one confirmation email per ten minutes. */
    @Test
    void oneInboxIsNotMailBombedAcrossFederations() {
        String base = "bombe" + java.util.UUID.randomUUID().toString().substring(0, 8);
        List<String> spellings = List.of(base + "@example.org", base + "+1@example.org", base.toUpperCase() + "+2@Example.org");
        String[] feds = {"06", "13", "2A"};
        for (int i = 0; i < feds.length; i++) {
            assertEquals(202, contacts.signup(feds[i], spellings.get(i), false).statusCode());
        }
        stack.awaitEvents();
        long received = stack.sentEmails().path("emails").findValues("to").stream()
                .filter(to -> to.toString().toLowerCase().contains(base)).count();
        assertEquals(1, received, "one email for one inbox");
    }

    /** A confirmation email that bounces suppresses the address like a newsletter's would: nothing leaves again. */
    @Test
    void aBouncedConfirmationEmailSuppressesTheAddress() {
        String bouncing = java.util.UUID.randomUUID().toString().substring(0, 8) + "-bounce@simulator.amazonses.com";
        assertEquals(202, contacts.signup("06", bouncing, false).statusCode());
        String link = Emails.link(stack.awaitEmailTo(bouncing), "/v1/confirm");
        stack.awaitEvents();
        JsonNode contact = contacts.find("06", bouncing);
        assertTrue(contact.get("suppressed").asBoolean(), contact.toString());
        assertEquals("hard-bounce", contact.get("suppressionReason").asText());
        assertEquals(410, stack.get(link).statusCode(), "a suppressed address cannot be confirmed");
        contacts.forgetThrottle("06", bouncing);
        assertEquals(202, contacts.signup("06", bouncing, false).statusCode());
        stack.awaitEvents();
        assertEquals(1, stack.emailsTo(bouncing).size(), "never mailed again");
    }

    @Test
    void thePlainHtmlFormWorksWithoutJavascript() {
        HttpResponse<String> snippet = stack.get("/v1/federations/2A/signup-form");
        assertEquals(200, snippet.statusCode());
        assertTrue(snippet.body().contains("action=\"" + stack.apiUrl() + "/v1/federations/2A/signups\""));
        assertTrue(snippet.body().contains("name=\"website\""), "honeypot");
        assertTrue(snippet.body().contains("<label for="), "labelled fields");
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"").matcher(snippet.body());
        assertTrue(token.find(), "the snippet carries its federation's form token");

        // Pasted on a site whose origin nobody declared: its posts carry the token, and are taken.
        String email = TestStack.uniqueEmail("form");
        String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&category=curieux&consentNewsletter=on&wordingVersion=2026-11&website=&formToken="
                + URLEncoder.encode(token.group(1).replace("&amp;", "&"), StandardCharsets.UTF_8);
        HttpResponse<String> posted = stack.post("/v1/federations/2A/signups", "application/x-www-form-urlencoded", form,
                "origin", "https://www.un-site-de-la-federation.example");
        assertEquals(303, posted.statusCode());
        String thanks = posted.headers().firstValue("location").orElseThrow();
        assertEquals(200, stack.get(thanks).statusCode());
        stack.awaitEmailTo(email);
    }

    /** A page elsewhere cannot make its visitors' browsers sign addresses up with a form of its own. */
    @Test
    void aFormPostFromAnUndeclaredOriginWithoutTheSnippetsTokenIsRefused() {
        String email = TestStack.uniqueEmail("drive-by");
        String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&category=curieux&consentNewsletter=on&wordingVersion=2026-11&website=";
        HttpResponse<String> refused = stack.post("/v1/federations/2A/signups", "application/x-www-form-urlencoded", form,
                "origin", "https://autre-site.example");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertEquals(403, stack.post("/v1/federations/2A/signups", "application/x-www-form-urlencoded", form).statusCode(),
                "nor without an origin");
        // The origins the registry declares for the federation are taken without a token (here the local API's own).
        assertEquals(303, stack.post("/v1/federations/2A/signups", "application/x-www-form-urlencoded", form,
                "origin", stack.apiUrl()).statusCode());
        stack.awaitEvents();
        assertEquals(1, stack.emailsTo(email).size());
    }

    @Test
    void aRepeatWithinTenMinutesIsAnsweredAlikeAndSendsNothing() {
        String email = TestStack.uniqueEmail("twice");
        HttpResponse<String> first = contacts.signup("06", email, false);
        assertEquals(202, first.statusCode());
        stack.awaitEmailTo(email);
        HttpResponse<String> again = contacts.signup("06", email, true);
        assertEquals(202, again.statusCode(), "a 429 would tell that someone just signed this address up");
        assertEquals(first.body(), again.body());
        stack.awaitEvents();
        assertEquals(1, stack.emailsTo(email).size());
        assertEquals(false, contacts.find("06", email).get("consent").get("audienceMeasurement").asBoolean());
    }

    @Test
    void forgedAndExpiredLinksGetAPageAndChangeNothing() {
        String email = TestStack.uniqueEmail("forged");
        contacts.signup("06", email, false);
        String link = Emails.link(stack.awaitEmailTo(email), "/v1/confirm");
        String token = link.substring(link.indexOf("t=") + 2);
        String forged = link.replace(token, token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA"));
        HttpResponse<String> refused = stack.get(forged);
        assertEquals(400, refused.statusCode());
        assertTrue(refused.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertEquals(400, stack.get("/v1/confirm").statusCode());
        assertEquals(400, stack.get("/v1/unsubscribe?t=" + token).statusCode(), "a confirmation token does not unsubscribe");

        String id = contacts.contactId("06", email);
        var past = new fr.eterrain.core.Platform(stack.settings(),
                Clock.fixed(Instant.now().minus(Duration.ofDays(500)), ZoneOffset.UTC));
        String expired = past.links().unsubscribe("06", id);
        assertEquals(410, stack.post(expired, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click").statusCode());
        assertEquals("pending", contacts.find("06", email).get("status").asText());
        assertNull(Json.parse(stack.get("/v1/federations/06/contacts/" + id, TestStack.bearer(stack.issueKey("06"))).body())
                .get("unsubscribedAt").textValue());
    }

    @Test
    void badBodiesAreClear4xxWithTheirField() {
        String base = Contacts.signupJson(TestStack.uniqueEmail("bad"), "X", false);
        Object[][] cases = {
                {"{", 400, "malformed_json"},
                {base.replace("\"sympathisant\"", "\"adherent\""), 400, "invalid_enum"},
                {base.replace("\"newsletter\":true", "\"newsletter\":false"), 400, "invalid_const"},
                {"{\"a\":\"" + "x".repeat(70_000) + "\"}", 413, "body_too_large"},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = stack.post("/v1/federations/06/signups", "application/json", (String) c[0]);
            assertEquals(c[1], r.statusCode(), (String) c[0]);
            JsonNode body = Json.parse(r.body());
            assertEquals(c[2], body.get("code").asText());
            assertTrue(body.has("message") && body.has("field"));
        }
        assertEquals(404, stack.post("/v1/federations/99/signups", "application/json", base).statusCode());
        assertEquals(415, stack.post("/v1/federations/06/signups", "text/plain", base).statusCode());
    }
}
