package fr.eterrain.contentintake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.Platform;
import fr.eterrain.core.config.Settings;
import fr.eterrain.core.content.ContentIntake;
import fr.eterrain.core.content.ContentKeys;
import fr.eterrain.core.events.EventFunction;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.validation.Schemas;

/**
 * S3 "Object Created" in the content bucket (rule content-uploaded): hands the key to {@link ContentIntake},
 * which checks the file, moves or removes it and records the outcome. A failure is thrown back for Lambda to
 * retry; the intake finds finished work done.
 */
public final class ContentIntakeFunction extends EventFunction {
    private final ContentIntake intake;
    private final String bucket;

    public ContentIntakeFunction() {
        this(Settings.fromEnvironment());
    }

    public ContentIntakeFunction(Settings settings) {
        this(new Platform(settings));
    }

    ContentIntakeFunction(Platform platform) {
        this(platform.contentIntake(), platform.settings().contentBucket());
    }

    ContentIntakeFunction(ContentIntake intake, String bucket) {
        this.intake = intake;
        this.bucket = bucket;
    }

    @Override
    protected JsonNode handle(JsonNode event) {
        JsonNode detail = event.path("detail");
        Schemas.validate("events/ObjectCreated", detail);
        String key = detail.at("/object/key").asText();
        // Object keys carry the uploader's file name: results and logs name the content by its ids only.
        ObjectNode result = Json.object();
        ContentKeys.ofUpload(key).ifPresent(ref -> result.put("federation", ref.federation()).put("content", ref.id()));
        if (!bucket.equals(detail.at("/bucket/name").asText())) {
            log.warn("event for another bucket ignored");
            return result.put("outcome", "other_bucket");
        }
        ContentIntake.Outcome outcome = intake.objectCreated(key);
        log.info("object created", "federation", result.path("federation").asText(null),
                "content", result.path("content").asText(null), "outcome", outcome);
        return result.put("outcome", outcome.name().toLowerCase());
    }
}
