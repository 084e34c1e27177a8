package fr.eterrain.newsletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.eterrain.core.access.Access;
import fr.eterrain.core.access.ApiKeys;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.http.HttpRequest;
import fr.eterrain.core.http.HttpResponse;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.newsletters.Blackout;
import fr.eterrain.core.newsletters.Blackouts;
import fr.eterrain.core.security.KeyedHash;
import fr.eterrain.core.testing.Fakes;
import fr.eterrain.core.testing.TestCore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlackoutRoutesTest {
    private final Fakes.MutableClock clock = new Fakes.MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final ApiKeys keys = new ApiKeys(new Fakes.Keys(), clock);
    private final List<Blackout> stored = new ArrayList<>();
    private final BlackoutRoutes routes = new BlackoutRoutes(new Access(keys, new Fakes.Federations(), new Fakes.Audit(),
            new KeyedHash(TestCore.key("h")), clock), new Blackouts() {
                @Override
                public void add(Blackout blackout) {
                    stored.add(blackout);
                }

                @Override
                public boolean remove(String id) {
                    return stored.removeIf(b -> b.id().equals(id));
                }

                @Override
                public List<Blackout> all() {
                    return List.copyOf(stored);
                }
            });
    private final String hq = keys.issue("HQ", "t", "t").secret();

    private HttpResponse post(String start, String end) {
        ObjectNode event = Json.object();
        event.put("routeKey", "POST /v1/blackouts");
        event.putObject("headers").put("authorization", "Bearer " + hq).put("content-type", "application/json");
        event.put("body", Json.write(Json.object().put("start", start).put("end", end).put("reason", "Élections")));
        try {
            return routes.handle(HttpRequest.fromEvent(event));
        } catch (ApiException e) {
            return HttpResponse.error(e);
        }
    }

    @Test
    void aWindowIsSetWithValidInstants() {
        assertEquals(201, post("2026-12-24T18:00:00Z", "2026-12-26T08:00:00+01:00").status());
        assertEquals(1, stored.size());
    }

    /**
     * The schema's date-time format lets "…Z2099…" through, which Instant.parse refuses (was a 500); and a window
     * beyond the year 9999 covers every send yet cannot be printed in Paris time by the refusal quoting it.
     */
    @Test
    void instantsTheParserRefusesOrThatCannotBePrintedAreRefusedWithTheirField() {
        HttpResponse glued = post("2026-11-24T10:00:00Z2099-01-01T00:00:00Z", "2099-01-02T00:00:00Z");
        assertEquals(400, glued.status());
        JsonNode body = Json.parse(glued.body());
        assertEquals("invalid_format", body.get("code").asText());
        assertEquals("start", body.get("field").asText());
        assertEquals("end", Json.parse(post("2026-11-24T10:00:00Z", "+1000000000-12-31T23:59:59Z").body()).get("field").asText());
        assertEquals("start", Json.parse(post("-1000000000-01-01T00:00:00Z", "2026-11-25T00:00:00Z").body()).get("field").asText());
        assertTrue(stored.isEmpty(), "nothing stored");
    }
}
