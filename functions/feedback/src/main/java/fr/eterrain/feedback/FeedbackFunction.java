package fr.eterrain.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.events.EventFunction;
import fr.eterrain.core.federation.FederationRegistry;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.FeedbackService;
import fr.eterrain.core.validation.Schemas;
import java.util.Optional;

/** SES events from the configuration set's EventBridge destination: sends, deliveries, bounces, complaints. */
public final class FeedbackFunction extends EventFunction {
    private final FeedbackService feedback;
    private final FederationRegistry federations;

    public FeedbackFunction() {
        this(Settings.fromEnvironment());
    }

    public FeedbackFunction(Settings settings) {
        this(new Platform(settings));
    }

    private FeedbackFunction(Platform platform) {
        this(platform.feedback(), platform.federations());
    }

    FeedbackFunction(FeedbackService feedback, FederationRegistry federations) {
        this.feedback = feedback;
        this.federations = federations;
    }

    @Override
    protected JsonNode handle(JsonNode event) {
        JsonNode detail = event.path("detail");
        Schemas.validate("events/SesEvent", detail);
        ObjectNode result = Json.object();
        // A message header naming no federation of ours has no table to count in: ignored, not retried forever.
        Optional<FeedbackService.MessageRef> ref = FeedbackService.MessageRef.of(detail.path("mail"));
        if (ref.isPresent() && federations.find(ref.get().federation()).isEmpty()) {
            log.warn("ses event for an unknown federation ignored", "federation", ref.get().federation());
            return result.put("handled", "ignored");
        }
        result.put("handled", feedback.handle(detail));
        return result;
    }
}
