package fr.eterrain.core.events;

import fr.eterrain.core.json.Json;
import fr.eterrain.core.validation.Schemas;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** PutEvents in batches of 10 (the API's limit); a partially failed batch is an error so the caller retries. */
public final class EventBridgePublisher implements EventPublisher {
    private static final int BATCH = 10;
    private final EventBridgeClient client;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    @Override
    public void publish(List<DomainEvent> events) {
        for (int start = 0; start < events.size(); start += BATCH) {
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            for (DomainEvent event : events.subList(start, Math.min(events.size(), start + BATCH))) {
                Schemas.validate("events/" + event.detailType(), event.detail());
                entries.add(PutEventsRequestEntry.builder().eventBusName(busName).source(event.source())
                        .detailType(event.detailType()).detail(Json.write(event.detail())).build());
            }
            PutEventsResponse response = client.putEvents(b -> b.entries(entries));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                throw new IllegalStateException(response.failedEntryCount() + " events were not accepted by the bus");
            }
        }
    }
}
