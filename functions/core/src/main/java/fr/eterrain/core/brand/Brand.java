package fr.eterrain.core.brand;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The party's graphic codes after a federation's allowed overrides. */
public record Brand(String partyName, String primaryColor, String accentColor, String backgroundColor,
                    String textColor, String fontFamily, String logoUrl, String controller,
                    String privacyContact, String signature) {

    private static final JsonNode BASE = Json.resource("eterrain/brand.json");
    private static final Set<String> OVERRIDABLE = new HashSet<>();

    static {
        BASE.path("overridable").forEach(n -> OVERRIDABLE.add(n.asText()));
    }

    public static Set<String> overridableKeys() {
        return Set.copyOf(OVERRIDABLE);
    }

    /** The base brand with those of {@code overrides} that the brand allows; other keys are ignored. */
    public static Brand forFederation(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        BASE.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                values.put(e.getKey(), e.getValue().asText());
            }
        });
        if (overrides != null) {
            overrides.forEach((key, value) -> {
                if (OVERRIDABLE.contains(key) && value != null && isSafe(key, value)) {
                    values.put(key, value);
                }
            });
        }
        return new Brand(values.get("partyName"), values.get("primaryColor"), values.get("accentColor"),
                values.get("backgroundColor"), values.get("textColor"), values.get("fontFamily"),
                values.getOrDefault("logoUrl", ""), values.get("controller"), values.get("privacyContact"),
                values.getOrDefault("signature", ""));
    }

    private static boolean isSafe(String key, String value) {
        return switch (key) {
            case "accentColor" -> value.matches("#[0-9A-Fa-f]{6}");
            case "logoUrl" -> value.startsWith("https://") && value.length() < 500;
            default -> value.length() < 300;
        };
    }
}
