package fr.eterrain.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.eterrain.core.http.ApiException;
import fr.eterrain.core.json.Json;
import fr.eterrain.core.validation.Schemas;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What Lambda must not retry is dropped with its reason; what may pass later is still thrown. */
class EventFunctionTest {
    private final AtomicInteger handled = new AtomicInteger();

    private final EventFunction function = new EventFunction() {
        @Override
        protected JsonNode handle(JsonNode event) {
            handled.incrementAndGet();
            JsonNode detail = event.path("detail");
            Schemas.validate("events/NewsletterSendRequested", detail);
            return switch (detail.get("newsletterId").asText()) {
                case "conflict" -> throw ApiException.conflict("concurrent_update", "retry");
                case "busy" -> throw ApiException.tooMany("retry");
                case "down" -> throw new ApiException(503, "mail_unavailable", "retry");
                case "gone" -> throw ApiException.notFound("No such federation.");
                case "boom" -> throw new IllegalStateException("the table is unreachable");
                case "late" -> Json.object().put("now", instant(event, "now").toString());
                default -> Json.object().put("ok", true);
            };
        }
    };

    private static String event(String newsletterId) {
        return "{\"id\":\"e1\",\"detail-type\":\"NewsletterSendRequested\",\"detail\":{\"federation\":\"06\",\"newsletterId\":\""
                + newsletterId + "\"}}";
    }

    private JsonNode raw(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        function.handleRequest(new ByteArrayInputStream(bytes), out, null);
        return Json.parse(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void malformedEventsAreDroppedWithTheirReason() throws IOException {
        assertEquals(true, function.handleEvent(Json.parse(event("n1")), "i").path("ok").asBoolean());
        JsonNode invalid = function.handleEvent(Json.parse("{\"detail\":{\"federation\":\"06\"}}"), "i");
        assertEquals("invalid_required", invalid.at("/error/code").asText());
        assertEquals("newsletterId", invalid.at("/error/field").asText());
        assertEquals("not_found", function.handleEvent(Json.parse(event("gone")), "i").at("/error/code").asText());
        assertEquals("malformed_event", function.handleEvent(Json.parse("[1]"), "i").at("/error/code").asText());
        assertEquals("malformed_event", function.handleEvent(null, "i").at("/error/code").asText());

        assertEquals("malformed_event", raw("{\"detail\":".getBytes(StandardCharsets.UTF_8)).at("/error/code").asText());
        assertEquals("malformed_event", raw(new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', ':', '1', '}'}).at("/error/code").asText());
        assertEquals("malformed_event", raw("[".repeat(5000).getBytes(StandardCharsets.UTF_8)).at("/error/code").asText());
        assertEquals("malformed_event", raw(new byte[0]).at("/error/code").asText());
        assertEquals(true, raw(event("n1").getBytes(StandardCharsets.UTF_8)).path("ok").asBoolean());
    }

    @Test
    void whatMayPassOnAnotherTryIsStillThrown() {
        assertEquals(409, assertThrows(ApiException.class, () -> function.handleEvent(Json.parse(event("conflict")), "i")).status());
        assertEquals(429, assertThrows(ApiException.class, () -> function.handleEvent(Json.parse(event("busy")), "i")).status());
        assertEquals(503, assertThrows(ApiException.class, () -> function.handleEvent(Json.parse(event("down")), "i")).status());
        assertThrows(IllegalStateException.class, () -> function.handleEvent(Json.parse(event("boom")), "i"));
    }

    @Test
    void anInstantTheParserRefusesIsARefusalNamingTheField() {
        String late = event("late").replace("{\"id\"", "{\"now\":\"%s\",\"id\"");
        assertEquals("2026-11-24T10:00:00Z", function.handleEvent(Json.parse(late.formatted("2026-11-24T10:00:00Z")), "i")
                .path("now").asText());
        for (String odd : new String[] {"2026-11-24T10:00:00Z975", "2026-13-01T00:00:00Z", "", "yesterday"}) {
            JsonNode dropped = function.handleEvent(Json.parse(late.formatted(odd)), "i");
            assertEquals("invalid_format", dropped.at("/error/code").asText(), odd);
            assertEquals("now", dropped.at("/error/field").asText());
        }
        assertTrue(handled.get() > 0);
    }
}
