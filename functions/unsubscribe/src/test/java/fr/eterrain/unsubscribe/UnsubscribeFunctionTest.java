package fr.eterrain.unsubscribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.contacts.Category;
import fr.eterrain.core.contacts.ConsentWordings;
import fr.eterrain.core.contacts.SignupRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.testing.InMemoryTracking;
import fr.eterrain.core.testing.TestCore;
import fr.eterrain.core.tracking.StatsKeys;
import fr.eterrain.core.tracking.UnsubscribeCounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-newsletter unsubscribe count behind {@code &n=}: only for a real change, once, for a newsletter received. */
class UnsubscribeFunctionTest {
    private final TestCore core = new TestCore();
    private final InMemoryTracking tracking = new InMemoryTracking();
    private final UnsubscribeFunction function = new UnsubscribeFunction(core.service,
            new UnsubscribeCounter(core.tokens, tracking, core.clock));

    private String confirmedContact() {
        core.service.signup(core.federations.require("06"), new SignupRequest("marie@exemple.fr", "Marie", null, null,
                Category.SYMPATHISANT, false, ConsentWordings.current(), "site", false), null, null);
        core.service.confirm(TestCore.token(core.mailer.sent.get(0).text(), "/v1/confirm"), null, null);
        return core.store.contacts.get("06").keySet().iterator().next();
    }

    private HttpResponse call(String method, String token, String newsletter, String scope) throws IOException {
        ObjectNode event = (ObjectNode) Json.parse(Files.readString(Path.of("../../events/unsubscribe-one-click.json")));
        ObjectNode query = event.putObject("queryStringParameters");
        query.put("t", token);
        query.put("n", newsletter);
        if (scope != null) {
            query.put("scope", scope);
        }
        event.put("rawQueryString", "");
        ((ObjectNode) event.at("/requestContext/http")).put("method", method);
        return function.handleEvent(event, "test");
    }

    @Test
    void countsOnceWhenTheWithdrawalChangedSomething() throws IOException {
        String contact = confirmedContact();
        tracking.newsletter("06", "nl1", "sent", core.clock.instant(), List.of(), Map.of());
        tracking.recipient("06", "nl1", contact, core.clock.instant(), false);
        String link = core.links.unsubscribe("06", contact);
        String token = link.substring(link.indexOf("t=") + 2);

        HttpResponse page = call("GET", token, "nl1", null);
        assertTrue(page.body().contains("&amp;n=nl1\""), "the button keeps the newsletter");
        assertEquals(0, tracking.count("06", "nl1", StatsKeys.UNSUBSCRIBES), "showing the page changes nothing");
        assertEquals(200, call("POST", token, "nl1", "audience").status());
        assertEquals(0, tracking.count("06", "nl1", StatsKeys.UNSUBSCRIBES), "withdrawing measurement is not unsubscribing");
        assertEquals(200, call("POST", token, "nl1", null).status());
        assertEquals(200, call("POST", token, "nl1", null).status());
        assertEquals(1, tracking.count("06", "nl1", StatsKeys.UNSUBSCRIBES));
        assertEquals(400, call("POST", "forged", "nl1", null).status());
        assertEquals(1, tracking.count("06", "nl1", StatsKeys.UNSUBSCRIBES));
    }
}
