package fr.eterrain.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Publishes domain events (validated against schemas/events) to the platform's event bus. */
public interface EventPublisher {
    record DomainEvent(String source, String detailType, JsonNode detail) {
    }

    void publish(List<DomainEvent> events);

    /**
     * A publisher built on its first event: a function that holds one but never publishes (contents, through the
     * selections) then never builds an EventBridge client, nor needs its classes in its deployable.
     */
    static EventPublisher onFirstUse(java.util.function.Supplier<? extends EventPublisher> factory) {
        return new EventPublisher() {
            private volatile EventPublisher real;

            @Override
            public void publish(List<DomainEvent> events) {
                EventPublisher p = real;
                if (p == null) {
                    synchronized (this) {
                        p = real;
                        if (p == null) {
                            real = p = factory.get();
                        }
                    }
                }
                p.publish(events);
            }
        };
    }
}
