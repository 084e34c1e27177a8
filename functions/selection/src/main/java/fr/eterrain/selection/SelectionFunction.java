package fr.eterrain.selection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.events.EventFunction;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.selection.Selections;
import fr.eterrain.core.validation.Schemas;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The national selection (schedules selection-weekly, Monday 09:00 Paris, and selection-monthly, the 1st at
 * 09:00): runs the selection of the period that just ended, or of the one asked for; idempotent per period.
 * Bad input is answered, not retried: another try would not make it better.
 */
public final class SelectionFunction extends EventFunction {
    private final Selections selections;
    private final Clock clock;
    private final boolean localStage;

    public SelectionFunction() {
        this(Settings.fromEnvironment());
    }

    public SelectionFunction(Settings settings) {
        this(new Platform(settings));
    }

    SelectionFunction(Platform platform) {
        this(platform.selections(), platform.clock(), List.of("local", "test").contains(platform.settings().stage()));
    }

    SelectionFunction(Selections selections, Clock clock, boolean localStage) {
        this.selections = selections;
        this.clock = clock;
        this.localStage = localStage;
    }

    @Override
    protected JsonNode handle(JsonNode event) {
        JsonNode input = event.has("detail") ? event.get("detail") : event;
        List<SelectionRequest.Due> due;
        try {
            Schemas.validate("events/SelectionRun", input);
            Instant now = localStage && input.hasNonNull("now") ? instant(input, "now") : clock.instant();
            due = SelectionRequest.due(Json.text(input, "cadence"), Json.text(input, "period"), now, localStage);
        } catch (ApiException e) {
            log.warn("selection input refused", "code", e.code(), "field", e.field());
            ObjectNode refused = Json.object();
            refused.putObject("error").put("code", e.code()).put("message", e.getMessage()).put("field", e.field());
            return refused;
        }
        ObjectNode result = Json.object();
        ArrayNode runs = result.putArray("selections");
        for (SelectionRequest.Due d : due) {
            Selections.Run run = selections.run(d.period());
            runs.addObject().put("period", d.period().label()).put("cadence", d.period().cadence().wire())
                    .put("created", run.created()).put("items", run.selection().items().size())
                    .put("published", run.selection().publishedAt() != null);
        }
        return result;
    }
}
