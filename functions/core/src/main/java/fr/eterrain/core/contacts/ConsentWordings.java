package fr.eterrain.core.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;
import java.util.Optional;

/** The consent texts shown to people, by version: a consent proof names the version the person saw. */
public final class ConsentWordings {
    private static final JsonNode ROOT = Json.resource("eterrain/consent-wordings.json");

    private ConsentWordings() {
    }

    public static String current() {
        return ROOT.path("current").asText();
    }

    public static boolean exists(String version) {
        return version != null && ROOT.path("versions").has(version);
    }

    public static Optional<JsonNode> version(String version) {
        return exists(version) ? Optional.of(ROOT.path("versions").get(version)) : Optional.empty();
    }
}
