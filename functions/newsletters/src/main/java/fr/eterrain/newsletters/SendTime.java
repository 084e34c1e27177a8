package fr.eterrain.newsletters;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.validation.Schemas;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** "Send at": a local time is read in Europe/Paris, as a coordinator means it; an explicit offset wins. */
final class SendTime {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private SendTime() {
    }

    /** Null means now. */
    static Instant parse(HttpRequest request) {
        if (request.body() == null || request.body().isBlank()) {
            return null;
        }
        JsonNode body = request.jsonBody();
        Schemas.validate("newsletter-send", body);
        String at = Json.text(body, "at");
        if (at == null) {
            return null;
        }
        try {
            boolean offset = at.endsWith("Z") || at.matches(".*[+-]\\d{2}:\\d{2}$");
            return offset ? OffsetDateTime.parse(at).toInstant() : LocalDateTime.parse(at).atZone(PARIS).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_time", "'at' is not a valid date and time.", "at");
        }
    }
}
