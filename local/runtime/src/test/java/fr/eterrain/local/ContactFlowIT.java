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
        HttpResponse<String> confirmed = stack.get(Emails.link(confirmation, "/v1/confirm"));
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
        contacts.confirmedContact("06", active, false);
        String erasedId = contacts.confirmedContact("06", erased, false);
        assertEquals(204, stack.send("DELETE", "/v1/federations/06/contacts/" + erasedId, null, null,
                TestStack.bearer(stack.issueKey("06"))).statusCode());
        contacts.forgetThrottle("06", active);

        HttpResponse<String> a = contacts.signup("06", fresh, false);
        HttpResponse<String> b = contacts.signup("06", active, false);
        HttpResponse<String> c = contacts.signup("06", erased, false);
        assertEquals(202, a.statusCode());
        assertEquals(a.statusCode(), b.statusCode());
        assertEquals(a.statusCode(), c.statusCode());
        assertEquals(a.body(), b.body());
        assertEquals(a.body(), c.body());
        assertEquals(a.headers().map().keySet(), b.headers().map().keySet());
    }

    @Test
    void thePlainHtmlFormWorksWithoutJavascript() {
        String email = TestStack.uniqueEmail("form");
        String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&category=curieux&consentNewsletter=on&wordingVersion=2026-11&website=";
        HttpResponse<String> posted = stack.post("/v1/federations/2A/signups", "application/x-www-form-urlencoded", form);
        assertEquals(303, posted.statusCode());
        String thanks = posted.headers().firstValue("location").orElseThrow();
        assertEquals(200, stack.get(thanks).statusCode());
        stack.awaitEmailTo(email);

        HttpResponse<String> snippet = stack.get("/v1/federations/2A/signup-form");
        assertEquals(200, snippet.statusCode());
        assertTrue(snippet.body().contains("action=\"" + stack.apiUrl() + "/v1/federations/2A/signups\""));
        assertTrue(snippet.body().contains("name=\"website\""), "honeypot");
        assertTrue(snippet.body().contains("<label for="), "labelled fields");
    }

    @Test
    void aRepeatWithinTenMinutesIs429AndChangesNothing() {
        String email = TestStack.uniqueEmail("twice");
        assertEquals(202, contacts.signup("06", email, false).statusCode());
        stack.awaitEmailTo(email);
        HttpResponse<String> again = contacts.signup("06", email, true);
        assertEquals(429, again.statusCode());
        assertEquals("rate_limited", Json.parse(again.body()).get("code").asText());
        assertEquals(1, stack.emailsTo(email).size());
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
