package fr.eterrain.newsletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.access.Access;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.Blackout;
import fr.eterrain.core.security.Ids;
import fr.eterrain.core.validation.Schemas;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** HQ's blackout windows: any key may read them (to plan), only HQ sets or lifts them. */
final class BlackoutRoutes {
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = java.time.LocalDate.of(10_000, 1, 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

    private final Access access;
    private final fr.eterrain.core.newsletters.Blackouts store;

    BlackoutRoutes(Access access, fr.eterrain.core.newsletters.Blackouts store) {
        this.access = access;
        this.store = store;
    }

    HttpResponse handle(HttpRequest request) {
        return switch (request.routeKey()) {
            case "GET /v1/blackouts" -> {
                access.authenticate(request);
                ObjectNode body = Json.object();
                ArrayNode items = body.putArray("blackouts");
                store.all().forEach(b -> items.add(view(b)));
                yield HttpResponse.json(200, body);
            }
            case "POST /v1/blackouts" -> {
                access.requireHq(request);
                JsonNode body = request.jsonBody();
                Schemas.validate("blackout-request", body);
                Instant start = instant(body, "start");
                Instant end = instant(body, "end");
                if (!end.isAfter(start)) {
                    throw ApiException.badRequest("invalid_period", "end must be after start.", "end");
                }
                List<String> federations = new ArrayList<>();
                body.path("federations").forEach(f -> federations.add(f.asText()));
                Blackout blackout = new Blackout("b" + Ids.random(6).replace('-', 'x').replace('_', 'y'), start, end,
                        body.get("reason").asText(), List.copyOf(federations));
                store.add(blackout);
                yield HttpResponse.json(201, view(blackout));
            }
            case "DELETE /v1/blackouts/{id}" -> {
                access.requireHq(request);
                String id = request.pathParam("id");
                if (id == null || !id.matches("[A-Za-z0-9]{1,20}") || !store.remove(id)) {
                    throw ApiException.notFound("No such blackout.");
                }
                yield HttpResponse.noContent();
            }
            default -> throw ApiException.notFound("No such route.");
        };
    }

    /**
     * The schema's date-time format lets through text Instant.parse refuses ("…Z2099…"); and a window must stay
     * printable in Paris time (refusals quote it), so within the years 2000 to 9999.
     */
    private static Instant instant(JsonNode body, String field) {
        try {
            Instant at = Instant.parse(body.get(field).asText());
            if (!at.isBefore(EARLIEST) && at.isBefore(LATEST)) {
                return at;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw ApiException.badRequest("invalid_format", field + " must be an ISO instant such as 2026-12-24T18:00:00Z.", field);
    }

    private static ObjectNode view(Blackout b) {
        ObjectNode node = Json.object();
        node.put("id", b.id());
        node.put("start", b.start().toString());
        node.put("end", b.end().toString());
        node.put("reason", b.reason());
        ArrayNode feds = node.putArray("federations");
        b.federations().forEach(feds::add);
        return node;
    }
}
