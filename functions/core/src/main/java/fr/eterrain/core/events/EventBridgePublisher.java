package fr.eterrain.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.aws.lite.JsonApi;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.validation.Schemas;
import java.util.List;

/**
 * PutEvents in batches of 10 (the API's limit), over EventBridge's JSON protocol without the SDK (its module is
 * 1.4 MiB of every deployable that publishes); a partially failed batch is an error so the caller retries.
 */
public final class EventBridgePublisher implements EventPublisher {
    private static final int BATCH = 10;
    private final JsonApi client;
    private final String busName;

    public EventBridgePublisher(JsonApi client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    @Override
    public void publish(List<DomainEvent> events) {
        for (int start = 0; start < events.size(); start += BATCH) {
            ArrayNode entries = Json.array();
            for (DomainEvent event : events.subList(start, Math.min(events.size(), start + BATCH))) {
                Schemas.validate("events/" + event.detailType(), event.detail());
                entries.addObject().put("EventBusName", busName).put("Source", event.source())
                        .put("DetailType", event.detailType()).put("Detail", Json.write(event.detail()));
            }
            ObjectNode request = Json.object();
            request.set("Entries", entries);
            JsonNode response = client.call("PutEvents", request);
            int failed = response.path("FailedEntryCount").asInt(0);
            if (failed > 0) {
                throw new IllegalStateException(failed + " events were not accepted by the bus");
            }
        }
    }
}
