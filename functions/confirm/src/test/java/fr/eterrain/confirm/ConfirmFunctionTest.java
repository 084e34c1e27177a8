package fr.eterrain.confirm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.contacts.Category;
import fr.eterrain.core.contacts.Contact;
import fr.eterrain.core.contacts.ContactStatus;
import fr.eterrain.core.contacts.ConsentWordings;
import fr.eterrain.core.contacts.SignupRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.testing.TestCore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The confirmation link over in-memory fakes: the GET is a page with one button, only its POST confirms. */
class ConfirmFunctionTest {
    private final TestCore core = new TestCore();
    private final ConfirmFunction function = new ConfirmFunction(core.service);

    private static ObjectNode sample(String name) throws IOException {
        return (ObjectNode) Json.parse(Files.readString(Path.of("../../events/" + name + ".json")));
    }

    private HttpResponse call(String sample, String token, String userAgent) throws IOException {
        ObjectNode event = sample(sample);
        event.putObject("queryStringParameters").put("t", token);
        event.put("rawQueryString", "t=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
        ((ObjectNode) event.at("/requestContext/http")).put("userAgent", userAgent);
        return function.handleEvent(event, "test");
    }

    private Contact contact() {
        return core.store.contacts.get("06").values().iterator().next();
    }

    @Test
    void theLinkShowsOneButtonAndOnlyItsPostConfirms() throws IOException {
        core.service.signup(core.federations.require("06"), new SignupRequest("marie@exemple.fr", "Marie", null, null,
                Category.CURIEUX, true, ConsentWordings.current(), null, false), "1.2.3.4", "UA");
        String token = TestCore.token(core.mailer.sent.get(0).text(), "/v1/confirm");

        HttpResponse page = call("confirm-forged", token, "Scanner/1.0");
        assertEquals(200, page.status());
        assertTrue(page.headers().get("content-type").startsWith("text/html"));
        assertTrue(page.body().contains("<form method=\"post\" action=\"?t="), page.body());
        assertTrue(page.body().contains("<button type=\"submit\">Je confirme mon inscription</button>"));
        assertTrue(page.body().contains("ouverture de nos e-mails et de vos clics : acceptée"), "what is consented to");
        assertFalse(page.body().contains("Marie"), "nothing typed in the form is shown");
        assertEquals(ContactStatus.PENDING, contact().getStatus(), "a GET confirms nothing");
        assertEquals(1, core.mailer.sent.size());

        HttpResponse confirmed = call("confirm-post", token, "Firefox/140");
        assertEquals(200, confirmed.status());
        assertTrue(confirmed.body().contains("Votre inscription est confirmée"));
        assertEquals(ContactStatus.ACTIVE, contact().getStatus());
        assertEquals(core.hash.of("user-agent", "Firefox/140"),
                core.store.consentLog("06", contact().getId()).get(0).getActionUserAgentHash(), "the proof is the POST's");
        assertEquals(2, core.mailer.sent.size(), "the welcome email");
        assertTrue(call("confirm-post", token, "Firefox/140").body().contains("déjà confirmée"));
        assertEquals(2, core.mailer.sent.size());
    }

    @Test
    void forgedLinksGetAPageWhateverTheMethod() throws IOException {
        assertEquals(400, function.handleEvent(sample("confirm-forged"), "test").status());
        HttpResponse post = function.handleEvent(sample("confirm-post"), "test");
        assertEquals(400, post.status());
        assertTrue(post.headers().get("content-type").startsWith("text/html"));
    }
}
