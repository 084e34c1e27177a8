package fr.eterrain.signup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.testing.TestCore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The handler over in-memory fakes, fed with the sample events of events/. */
class SignupFunctionTest {
    private final TestCore core = new TestCore(100);
    private final SignupFunction function = new SignupFunction(core.federations, core.service, core.links, core.forms);

    static ObjectNode sample(String name) throws IOException {
        return (ObjectNode) Json.parse(Files.readString(Path.of("../../events/" + name + ".json")));
    }

    private HttpResponse post(String body) throws IOException {
        ObjectNode event = sample("signup-json");
        event.put("body", body);
        return function.handleEvent(event, "test");
    }

    @Test
    void theSampleEventIsAccepted() throws IOException {
        HttpResponse response = function.handleEvent(sample("signup-json"), "test");
        assertEquals(202, response.status());
        assertEquals(1, core.mailer.sent.size());
    }

    @Test
    void theAnswerIsTheSameWhateverTheAddressIsKnownOrNot() throws IOException {
        String body = sample("signup-json").get("body").asText();
        HttpResponse first = post(body);
        core.clock.advance(Duration.ofMinutes(11));
        HttpResponse known = post(body);
        core.store.suppress("06", core.hash.email("gone@example.org"), "erased", core.clock.instant());
        HttpResponse suppressed = post(body.replace("marie.dupont@example.org", "gone@example.org"));
        ObjectNode bot = (ObjectNode) Json.parse(body);
        bot.put("website", "http://spam.example");
        HttpResponse honeypot = post(Json.write(bot));
        for (HttpResponse r : new HttpResponse[] {known, suppressed, honeypot}) {
            assertEquals(first.status(), r.status());
            assertEquals(first.body(), r.body());
        }
    }

    /** The form sample as a site pasting this federation's snippet posts it: with the snippet's token. */
    private ObjectNode formFromTheSnippet() throws IOException {
        ObjectNode event = sample("signup-form");
        event.put("body", event.get("body").asText().replaceFirst("formToken=[^&]*", "formToken="
                + java.net.URLEncoder.encode(core.forms.token("06"), java.nio.charset.StandardCharsets.UTF_8)));
        return event;
    }

    @Test
    void thePlainFormRedirectsToTheThankYouPage() throws IOException {
        HttpResponse response = function.handleEvent(formFromTheSnippet(), "test");
        assertEquals(303, response.status());
        assertEquals(TestCore.BASE_URL + "/v1/federations/06/signups/thanks", response.headers().get("location"));
        assertEquals(1, core.mailer.sent.size());
    }

    @Test
    void aFormErrorIsAPageAndWritesNothing() throws IOException {
        ObjectNode event = formFromTheSnippet();
        event.put("body", "email=paul%40example.org&category=curieux&wordingVersion=2026-11&formToken="
                + java.net.URLEncoder.encode(core.forms.token("06"), java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse response = function.handleEvent(event, "test");
        assertEquals(400, response.status());
        assertTrue(response.headers().get("content-type").startsWith("text/html"));
        assertTrue(response.body().contains("cochez la case"));
        assertNull(core.store.contacts.get("06"));
    }

    @Test
    void badInputGetsAClearRefusalAndWritesNothing() throws IOException {
        String valid = sample("signup-json").get("body").asText();
        String[][] cases = {
                {"{nope", "malformed_json", null},
                {valid.replace("\"sympathisant\"", "\"adherent\""), "invalid_enum", "category"},
                {valid.replace("marie.dupont@example.org", "not-an-address"), "invalid_format", "email"},
                {valid.replace("\"2026-11\"", "\"1999-01\""), "unknown_wording_version", "consent.wordingVersion"},
                {valid.replace("{\"email\"", "{\"role\":\"admin\",\"email\""), "invalid_additionalProperties", "role"},
                {valid.replace("\"newsletter\":true", "\"newsletter\":\"yes\""), "invalid_const", "consent.newsletter"},
        };
        for (String[] c : cases) {
            HttpResponse response = post(c[0]);
            JsonNode error = Json.parse(response.body());
            assertEquals(400, response.status(), c[0]);
            assertEquals(c[1], error.get("code").asText(), c[0]);
            assertEquals(c[2], error.get("field").isNull() ? null : error.get("field").asText(), c[0]);
            assertFalse(error.get("message").asText().isBlank());
        }
        assertNull(core.store.contacts.get("06"));
        assertTrue(core.mailer.sent.isEmpty());
    }

    @Test
    void unknownFederationsAre404AndOnlyRegisteredOriginsGetCors() throws IOException {
        ObjectNode event = sample("signup-json");
        ((ObjectNode) event.get("pathParameters")).put("fed", "99");
        assertEquals(404, function.handleEvent(event, "test").status());

        ObjectNode preflight = sample("signup-preflight");
        ((ObjectNode) preflight.get("headers")).put("origin", "https://site.example");
        assertEquals("https://site.example", function.handleEvent(preflight, "t").headers().get("access-control-allow-origin"));
        ((ObjectNode) preflight.get("headers")).put("origin", "https://evil.example");
        assertNull(function.handleEvent(preflight, "t").headers().get("access-control-allow-origin"));
    }

    @Test
    void aFormPostIsTakenFromTheDeclaredOriginsOrWithTheSnippetsTokenOnly() throws IOException {
        ObjectNode elsewhere = sample("signup-form");
        elsewhere.put("body", elsewhere.get("body").asText().replaceFirst("formToken=[^&]*", "formToken="));
        ((ObjectNode) elsewhere.get("headers")).put("origin", "https://autre-site.example");
        HttpResponse refused = function.handleEvent(elsewhere, "test");
        assertEquals(403, refused.status());
        assertTrue(refused.headers().get("content-type").startsWith("text/html"));
        assertTrue(refused.body().contains("pas reconnu"), refused.body());
        ObjectNode foreignToken = elsewhere.deepCopy();
        foreignToken.put("body", foreignToken.get("body").asText().replaceFirst("formToken=[^&]*", "formToken="
                + java.net.URLEncoder.encode(core.forms.token("13"), java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(403, function.handleEvent(foreignToken, "test").status(), "another federation's token");
        assertTrue(core.signups.requests.isEmpty(), "nothing stored");
        assertTrue(core.mailer.sent.isEmpty(), "nothing sent");

        ObjectNode declared = elsewhere.deepCopy();
        ((ObjectNode) declared.get("headers")).put("origin", "https://site.example"); // the registry's origin for 06
        assertEquals(303, function.handleEvent(declared, "test").status());
        assertEquals(303, function.handleEvent(formFromTheSnippet(), "test").status(), "any site with the snippet's token");
    }
}
