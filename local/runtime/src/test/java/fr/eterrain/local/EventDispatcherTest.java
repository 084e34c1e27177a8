package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.events.EventFunction;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Wiring.Rule;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventDispatcherTest {
    private static final Rule RULE = new Rule("confirmation-requested", List.of("eterrain.contacts"),
            List.of("ConfirmationRequested"), "mailer");

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    private final EventFunction target = new EventFunction() {
        @Override
        protected JsonNode handle(JsonNode event) {
            received.add(event);
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("deliberate");
            }
            return Json.object();
        }
    };

    private EventDispatcher dispatcher() {
        return new EventDispatcher(List.of(RULE), name -> target, "123456789012", "eu-west-3", Duration.ofMillis(1));
    }

    private static EventDispatcher.Entry entry(String source, String detailType) {
        return new EventDispatcher.Entry(source, detailType, Json.parse("{\"federation\":\"06\"}"), "eterrain-test");
    }

    @Test
    void matchingEventReachesTheTargetInAnEventBridgeEnvelope() throws Exception {
        try (EventDispatcher dispatcher = dispatcher()) {
            String id = dispatcher.dispatch(entry("eterrain.contacts", "ConfirmationRequested"));
            dispatcher.awaitIdle(Duration.ofSeconds(5));
            assertEquals(1, received.size());
            JsonNode event = received.get(0);
            assertEquals("0", event.get("version").asText());
            assertEquals(id, event.get("id").asText());
            assertEquals("ConfirmationRequested", event.get("detail-type").asText());
            assertEquals("eterrain.contacts", event.get("source").asText());
            assertEquals("123456789012", event.get("account").asText());
            assertEquals("eu-west-3", event.get("region").asText());
            assertTrue(event.get("resources").isArray());
            assertFalse(event.get("time").asText().isBlank());
            assertEquals("06", event.at("/detail/federation").asText());
            assertEquals(1, dispatcher.attempts(RULE.name()));
        }
    }

    @Test
    void otherEventsMatchNoRule() throws Exception {
        try (EventDispatcher dispatcher = dispatcher()) {
            dispatcher.dispatch(entry("eterrain.contacts", "SomethingElse"));
            dispatcher.dispatch(entry("other.source", "ConfirmationRequested"));
            dispatcher.awaitIdle(Duration.ofSeconds(5));
            assertTrue(received.isEmpty());
        }
    }

    @Test
    void failuresAreRetriedTwiceThenDeadLettered() throws Exception {
        try (EventDispatcher dispatcher = dispatcher()) {
            failuresLeft.set(2);
            dispatcher.dispatch(entry("eterrain.contacts", "ConfirmationRequested"));
            dispatcher.awaitIdle(Duration.ofSeconds(5));
            assertEquals(3, received.size(), "succeeds on the last retry");
            assertEquals(0, dispatcher.deadLettered());

            received.clear();
            failuresLeft.set(10);
            dispatcher.dispatch(entry("eterrain.contacts", "ConfirmationRequested"));
            dispatcher.awaitIdle(Duration.ofSeconds(5));
            assertEquals(EventDispatcher.ATTEMPTS, received.size());
            assertEquals(1, dispatcher.deadLettered());
        }
    }
}
