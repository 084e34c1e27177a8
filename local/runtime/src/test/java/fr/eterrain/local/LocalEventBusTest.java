package fr.eterrain.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.aws.AwsClients;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.events.EventFunction;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.wiring.Wiring.Rule;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** The bus speaks the wire protocol the AWS SDK uses: the real EventBridge client talks to it. */
class LocalEventBusTest {
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private LocalEventBus bus;
    private EventBridgeClient client;

    @BeforeEach
    void start() {
        EventFunction target = new EventFunction() {
            @Override
            protected JsonNode handle(JsonNode event) {
                received.add(event);
                return Json.object();
            }
        };
        EventDispatcher dispatcher = new EventDispatcher(List.of(new Rule("r", List.of("eterrain.contacts"),
                List.of("ConfirmationRequested"), "mailer")), name -> target, "123456789012", "eu-west-3",
                Duration.ofMillis(1));
        bus = new LocalEventBus(dispatcher, "eterrain-test", 0);
        client = new AwsClients(Settings.of(Map.of("AWS_REGION", "eu-west-3",
                "AWS_ENDPOINT_URL_EVENTBRIDGE", bus.url()))).events();
    }

    @AfterEach
    void stop() {
        client.close();
        bus.close();
    }

    private static PutEventsRequestEntry entry(String bus, String detail) {
        return PutEventsRequestEntry.builder().eventBusName(bus).source("eterrain.contacts")
                .detailType("ConfirmationRequested").detail(detail).build();
    }

    @Test
    void putEventsReachesTheRuleTarget() throws Exception {
        PutEventsResponse response = client.putEvents(b -> b.entries(
                entry("eterrain-test", "{\"federation\":\"06\"}"),
                entry("arn:aws:events:eu-west-3:123456789012:event-bus/eterrain-test", "{\"federation\":\"2A\"}")));
        assertEquals(0, response.failedEntryCount());
        assertEquals(2, response.entries().size());
        assertNotNull(response.entries().get(0).eventId());
        bus.awaitIdle(Duration.ofSeconds(5));
        assertEquals(2, received.size());
        assertEquals(2, bus.attempts("r"));
    }

    @Test
    void badEntriesFailAloneAsInEventBridge() throws Exception {
        PutEventsResponse response = client.putEvents(b -> b.entries(
                entry("eterrain-test", "[1, 2]"),
                entry("no-such-bus", "{}"),
                entry("eterrain-test", "{}")));
        assertEquals(2, response.failedEntryCount());
        assertEquals("InvalidArgument", response.entries().get(0).errorCode());
        assertEquals("NotFoundException", response.entries().get(1).errorCode());
        assertNull(response.entries().get(2).errorCode());
        assertFalse(response.entries().get(2).eventId().isBlank());
        bus.awaitIdle(Duration.ofSeconds(5));
        assertEquals(1, received.size());
    }

    @Test
    void moreThanTenEntriesIsAValidationError() {
        List<PutEventsRequestEntry> eleven = Collections.nCopies(11, entry("eterrain-test", "{}"));
        EventBridgeException error = assertThrows(EventBridgeException.class, () -> client.putEvents(b -> b.entries(eleven)));
        assertEquals(400, error.statusCode());
    }
}
