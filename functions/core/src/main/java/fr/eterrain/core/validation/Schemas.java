package fr.eterrain.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.json.Json;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates bodies and events against the contract in {@code schemas/} (packaged under eterrain/schemas).
 * Schemas are compiled once per container.
 */
public final class Schemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private Schemas() {
    }

    public static JsonSchema schema(String name) {
        return CACHE.computeIfAbsent(name, n -> FACTORY.getSchema(Json.resource("eterrain/schemas/" + n + ".json"), CONFIG));
    }

    /** Throws a 400 naming the first offending field, or returns quietly. */
    public static void validate(String name, JsonNode value) {
        Set<ValidationMessage> errors = schema(name).validate(value);
        if (errors.isEmpty()) {
            return;
        }
        ValidationMessage first = errors.stream()
                .min(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getType))
                .orElseThrow();
        throw ApiException.badRequest("invalid_" + first.getType(), describe(first), fieldOf(first));
    }

    private static String fieldOf(ValidationMessage message) {
        // Locations are JSON Pointers ("/consent/newsletter"); callers get dotted names ("consent.newsletter").
        // Array items are indexed as in the contract: "blocks[2].url".
        String location = message.getInstanceLocation().toString().replaceFirst("^[$/]\\.?", "").replace('/', '.')
                .replaceAll("\\.([0-9]+)(?=\\.|$)", "[$1]").replaceAll("^([0-9]+)", "[$1]");
        if ("required".equals(message.getType()) || "additionalProperties".equals(message.getType())) {
            String property = message.getProperty();
            if (property != null) {
                return location.isEmpty() ? property : location + "." + property;
            }
        }
        return location.isEmpty() ? null : location;
    }

    private static String describe(ValidationMessage message) {
        String text = message.getMessage();
        // networknt prefixes messages with the location; the field is reported separately.
        int colon = text.indexOf(": ");
        return colon > 0 && (text.startsWith("$") || text.startsWith("/")) ? text.substring(colon + 2) : text;
    }
}
