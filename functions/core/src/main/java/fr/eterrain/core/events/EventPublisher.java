package fr.eterrain.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Publishes domain events (validated against schemas/events) to the platform's event bus. */
public interface EventPublisher {
    record DomainEvent(String source, String detailType, JsonNode detail) {
    }

    void publish(List<DomainEvent> events);
}
