package fr.eterrain.dispatcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.events.EventFunction;
import fr.eterrain.core.events.EventPublisher;
import fr.eterrain.core.events.EventPublisher.DomainEvent;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.ActiveSends;
import fr.eterrain.core.newsletters.Dispatcher;
import fr.eterrain.core.newsletters.NewsletterService;
import fr.eterrain.core.validation.Schemas;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sends newsletters. A NewsletterSendRequested or NewsletterDispatchContinue event runs the dispatcher for that
 * newsletter; the minute tick (schedule dispatch-tick) re-announces every scheduled or unfinished send, so due
 * sends start and interrupted ones resume.
 */
public final class DispatcherFunction extends EventFunction {
    private final Dispatcher dispatcher;
    private final ActiveSends active;
    private final EventPublisher events;

    public DispatcherFunction() {
        this(Settings.fromEnvironment());
    }

    public DispatcherFunction(Settings settings) {
        this(new Platform(settings));
    }

    DispatcherFunction(Platform platform) {
        this(platform.dispatcher(), platform.activeSends(), platform.events());
    }

    DispatcherFunction(Dispatcher dispatcher, ActiveSends active, EventPublisher events) {
        this.dispatcher = dispatcher;
        this.active = active;
        this.events = events;
    }

    @Override
    protected JsonNode handle(JsonNode event) {
        String type = event.path("detail-type").asText("");
        ObjectNode result = Json.object();
        if (type.equals(NewsletterService.SEND_REQUESTED) || type.equals(NewsletterService.DISPATCH_CONTINUE)) {
            JsonNode detail = event.path("detail");
            Schemas.validate("events/" + type, detail);
            try {
                Dispatcher.Outcome outcome = dispatcher.run(detail.get("federation").asText(), detail.get("newsletterId").asText(),
                        "w-" + UUID.randomUUID());
                result.put("outcome", outcome.name().toLowerCase());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: the tick resumes this send", e);
            }
            return result;
        }
        List<DomainEvent> due = new ArrayList<>();
        active.all().forEach(e -> due.add(NewsletterService.dispatchEvent(NewsletterService.DISPATCH_CONTINUE, e.federation(), e.newsletterId())));
        if (!due.isEmpty()) {
            events.publish(due);
        }
        result.put("announced", due.size());
        return result;
    }
}
