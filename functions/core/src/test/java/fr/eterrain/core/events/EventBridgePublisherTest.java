package fr.eterrain.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.events.EventPublisher.DomainEvent;
import fr.eterrain.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PutEvents as EventBridge takes it: ten entries a call, the detail as text, a partial failure an error. */
class EventBridgePublisherTest {
    private static DomainEvent send(int i) {
        return new DomainEvent("eterrain.newsletters", "NewsletterDispatchContinue",
                Json.object().put("federation", "06").put("newsletterId", "nl" + i));
    }

    @Test
    void entriesGoInBatchesOfTenOnTheStageBus() {
        List<ObjectNode> calls = new ArrayList<>();
        EventBridgePublisher publisher = new EventBridgePublisher((operation, request) -> {
            assertEquals("PutEvents", operation);
            calls.add(request);
            return Json.object().put("FailedEntryCount", 0);
        }, "eterrain-test");
        List<DomainEvent> events = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            events.add(send(i));
        }
        publisher.publish(events);
        assertEquals(List.of(10, 10, 3), calls.stream().map(c -> c.path("Entries").size()).toList());
        JsonNode first = calls.get(0).path("Entries").get(0);
        assertEquals("eterrain-test", first.path("EventBusName").asText());
        assertEquals("NewsletterDispatchContinue", first.path("DetailType").asText());
        assertEquals("nl0", Json.parse(first.path("Detail").asText()).path("newsletterId").asText());
    }

    @Test
    void aBatchThatFailsInPartIsAnErrorForTheCallerToRetry() {
        EventBridgePublisher publisher = new EventBridgePublisher((operation, request) ->
                Json.object().put("FailedEntryCount", 1), "eterrain-test");
        assertThrows(IllegalStateException.class, () -> publisher.publish(List.of(send(1))));
    }
}
