package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.json.Json;
import fr.eterrain.signup.SignupFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-source limit, with the real handler on the emulators and events from distinct source addresses. */
class SignupLimitsIT {
    private final TestStack stack = TestStack.get();

    @Test
    void oneSourceIsLimitedOthersAreNot() throws Exception {
        SignupFunction signup = new SignupFunction(stack.settings().with(Map.of("SIGNUP_SOURCE_LIMIT", "3")));
        ObjectNode sample = (ObjectNode) Json.parse(Files.readString(ProjectRoot.find().resolve("events/signup-json.json")));
        String source = "198.51.100." + (int) (Math.random() * 250);
        for (int i = 0; i < 3; i++) {
            assertEquals(202, signup.handleEvent(event(sample, TestStack.uniqueEmail("src"), source), "t").status());
        }
        var refused = signup.handleEvent(event(sample, TestStack.uniqueEmail("src"), source), "t");
        assertEquals(429, refused.status());
        assertEquals("rate_limited", Json.parse(refused.body()).get("code").asText());
        assertEquals(202, signup.handleEvent(event(sample, TestStack.uniqueEmail("src"), "203.0.113.77"), "t").status());
    }

    /** Only the per-source limit answers 429: an address signed up again at once is answered alike, and mailed once. */
    @Test
    void thePerAddressThrottleIsSilent() throws Exception {
        SignupFunction signup = new SignupFunction(stack.settings().with(Map.of("SIGNUP_SOURCE_LIMIT", "3")));
        ObjectNode sample = (ObjectNode) Json.parse(Files.readString(ProjectRoot.find().resolve("events/signup-json.json")));
        String email = TestStack.uniqueEmail("again");
        var first = signup.handleEvent(event(sample, email, "192.0.2.201"), "t");
        var second = signup.handleEvent(event(sample, email, "192.0.2.202"), "t");
        var third = signup.handleEvent(event(sample, email, "192.0.2.203"), "t");
        assertEquals(202, first.status());
        assertEquals(202, second.status());
        assertEquals(202, third.status());
        assertEquals(first.body(), third.body());
        stack.awaitEvents();
        assertEquals(1, stack.emailsTo(email).size(), "one confirmation email, and no answer telling so");
    }

    private static ObjectNode event(ObjectNode sample, String email, String sourceIp) {
        ObjectNode event = sample.deepCopy();
        ObjectNode body = (ObjectNode) Json.parse(event.get("body").asText());
        body.put("email", email);
        event.put("body", Json.write(body));
        ((ObjectNode) event.get("requestContext").get("http")).put("sourceIp", sourceIp);
        return event;
    }
}
