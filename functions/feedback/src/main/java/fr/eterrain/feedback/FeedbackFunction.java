package fr.eterrain.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.events.EventFunction;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.FeedbackService;
import fr.eterrain.core.validation.Schemas;

/** SES events from the configuration set's EventBridge destination: sends, deliveries, bounces, complaints. */
public final class FeedbackFunction extends EventFunction {
    private final FeedbackService feedback;

    public FeedbackFunction() {
        this(Settings.fromEnvironment());
    }

    public FeedbackFunction(Settings settings) {
        this(new Platform(settings).feedback());
    }

    FeedbackFunction(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @Override
    protected JsonNode handle(JsonNode event) {
        JsonNode detail = event.path("detail");
        Schemas.validate("events/SesEvent", detail);
        ObjectNode result = Json.object();
        result.put("handled", feedback.handle(detail));
        return result;
    }
}
