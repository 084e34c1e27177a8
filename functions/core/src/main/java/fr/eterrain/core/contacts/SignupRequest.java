package fr.eterrain.core.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.json.Json;

/** A validated signup, as sent by a website (JSON) or a plain HTML form. */
public record SignupRequest(String email, String firstName, String lastName, String postalCode, Category category,
                            boolean audienceMeasurement, String wordingVersion, String source, boolean honeypotFilled) {

    /** From a body already validated against schemas/signup-request.json. */
    public static SignupRequest fromJson(JsonNode body) {
        JsonNode consent = body.path("consent");
        String honeypot = Json.text(body, "website");
        return new SignupRequest(Json.text(body, "email"), blankToNull(Json.text(body, "firstName")),
                blankToNull(Json.text(body, "lastName")), blankToNull(Json.text(body, "postalCode")),
                Category.parse(Json.text(body, "category")).orElseThrow(),
                consent.path("audienceMeasurement").asBoolean(false), Json.text(consent, "wordingVersion"),
                blankToNull(Json.text(body, "source")), honeypot != null && !honeypot.isEmpty());
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
