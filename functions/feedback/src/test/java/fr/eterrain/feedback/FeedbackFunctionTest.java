package fr.eterrain.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.FeedbackService;
import fr.eterrain.core.testing.Fakes;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class FeedbackFunctionTest {
    /** No store behind it: these events must be settled before any is reached. */
    private final FeedbackFunction function = new FeedbackFunction(new FeedbackService(null, null, null, Clock.systemUTC(), null),
            new Fakes.Federations());

    private static JsonNode bounce(String messageHeader) {
        return Json.parse("""
                {"version":"0","id":"e1","detail-type":"Email Bounced","source":"aws.ses","detail":{
                  "eventType":"Bounce","bounce":{"bounceType":"Permanent"},
                  "mail":{"messageId":"m1","headers":[{"name":"X-Eterrain-Message","value":"%s"}]}}}
                """.formatted(messageHeader));
    }

    @Test
    void anEventForAFederationWeDoNotHaveIsIgnoredNotRetried() {
        assertEquals("ignored", function.handleEvent(bounce("ZZ.n1.c1"), "t").path("handled").asText());
        assertEquals("ignored", function.handleEvent(bounce("99.n1.c1"), "t").path("handled").asText());
    }

    @Test
    void aMalformedEventIsDroppedWithTheReason() {
        JsonNode dropped = function.handleEvent(Json.parse("{\"detail\":{\"eventType\":\"Bounce\"}}"), "t");
        assertEquals("invalid_required", dropped.at("/error/code").asText());
        assertEquals("mail", dropped.at("/error/field").asText());
    }
}
